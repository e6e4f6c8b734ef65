import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { codes, FAST, SEED, withRule } from './fixtures';

describe('diagnostics over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('are pushed on open, with code, source, docs link and data', async () => {
    const uri = 'untitled:seed-open';
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(published.diagnostics.length > 0);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'incident-docs');
      assert.match(String(d.code), /^[a-z]+\/[a-z-]+$/);
      const href = d.codeDescription?.href ?? '';
      assert.ok(href.startsWith('https://'), `href for ${d.code}`);
      assert.ok(href.includes(String(d.code).replace('/', '')), `href names ${d.code}`);
      assert.ok(d.severity! >= DiagnosticSeverity.Error && d.severity! <= DiagnosticSeverity.Hint);
      assert.deepEqual(Object.keys(d.data as object).sort(), ['index', 'version']);
    }
    const invalid = withRule(published, 'pm/invalid-time');
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0].severity, DiagnosticSeverity.Error);

    // Related places inside the document point back at this document's URI.
    const related = published.diagnostics.flatMap((d) => d.relatedInformation ?? []);
    assert.ok(related.length > 0, 'the Impact window names the timeline entry it is compared with');
    for (const r of related) {
      assert.equal(r.location.uri, uri);
      assert.ok(r.message);
    }
    await client.close(uri);
  });

  test('follow edits and are cleared on close', async () => {
    const uri = 'untitled:seed-edit';
    await client.open(uri, SEED);
    const first = await client.waitForDiagnostics(uri, { version: 1 });
    const [invalid] = withRule(first, 'pm/invalid-time');
    assert.ok(invalid, 'the seed has an impossible time');

    // Fix "16:04pm" in place, the way an editor sends a keystroke-sized change.
    await client.edit(uri, 2, invalid.range, '4:04pm');
    const second = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(withRule(second, 'pm/invalid-time'), []);
    assert.ok(second.diagnostics.length > 0, 'the other findings stay');

    const mark = client.mark();
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('a document that is no post-mortem gets an empty list', async () => {
    const uri = 'untitled:notes';
    await client.open(uri, '# Shopping list\n\n| item | qty |\n| --- | --- |\n| | |\n');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(published.diagnostics, []);
    await client.close(uri);
  });

  test('language ids do not decide: a post-mortem sent as plaintext is checked', async () => {
    const uri = 'untitled:seed-plaintext';
    await client.open(uri, SEED, 'plaintext');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(codes(published).includes('pm/invalid-time'));
    await client.close(uri);
  });
});

describe('debounce', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      // Long enough that the three edits, sent back to back, always fall inside one window,
      // however slowly a loaded machine hands them to the server (300 ms did not, under load).
      initializationOptions: { incidentDocs: { ...FAST, debounceMs: 2_000 } },
    });
  });
  after(() => client.stop());

  test('a burst of edits is validated once, for the last version', async () => {
    const uri = 'untitled:burst';
    await client.open(uri, SEED);
    await client.waitForDiagnostics(uri, { version: 1 });
    const mark = client.mark();
    for (let version = 2; version <= 4; version++) {
      await client.replace(uri, version, SEED.replace('16:04pm', `16:0${version}pm`));
    }
    const last = await client.waitForDiagnostics(uri, { version: 4, after: mark });
    assert.match(String(last.diagnostics.find((d) => d.code === 'pm/invalid-time')?.message), /16:04pm/);
    const versions = client.published.slice(mark).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [4]);
  });
});

describe('a client that announces no capabilities', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: {}, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('still gets diagnostics, without the fields it did not announce', async () => {
    const uri = 'untitled:bare';
    const mark = client.mark();
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { after: mark });
    assert.equal(published.version, undefined);
    assert.ok(codes(published).includes('pm/invalid-time'));
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'incident-docs');
      assert.equal(d.codeDescription, undefined);
      assert.equal(d.relatedInformation, undefined);
      assert.equal(d.data, undefined);
    }
  });

  test('is offered only what it can take and asked nothing', () => {
    const offered = client.initializeResult.capabilities;
    assert.ok(offered.textDocumentSync);
    for (const provider of ['codeActionProvider', 'hoverProvider', 'completionProvider', 'documentSymbolProvider', 'codeLensProvider', 'documentLinkProvider'] as const) {
      assert.equal(offered[provider], undefined, provider);
    }
    assert.deepEqual(client.registrations, []);
    assert.deepEqual(client.configurationRequests, []);
  });
});

describe('transport', () => {
  test('stdio is the default when no transport is named', async () => {
    const client = await LspTestClient.start({ serverArgs: [], initializationOptions: { incidentDocs: FAST } });
    try {
      await client.open('untitled:default-transport', SEED);
      assert.ok(codes(await client.waitForDiagnostics('untitled:default-transport')).includes('pm/invalid-time'));
    } finally {
      await client.stop();
    }
  });
});

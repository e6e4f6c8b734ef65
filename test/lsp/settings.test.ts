import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DiagnosticSeverity, type ConfigurationParams } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { codes, FAST, SEED, serveTempWorkspace, tempDir, vscodeUri } from './fixtures';

const TEMPLATE_OFF = { rules: { 'pm/template-text': 'off' } };

describe('settings from initializationOptions', () => {
  test('apply, in the {incidentDocs: ...} form and flat', async () => {
    for (const initializationOptions of [
      { incidentDocs: { ...FAST, ...TEMPLATE_OFF } },
      { ...FAST, ...TEMPLATE_OFF },
    ]) {
      const client = await LspTestClient.start({ capabilities: {}, initializationOptions });
      try {
        await client.open('untitled:a', SEED);
        const published = await client.waitForDiagnostics('untitled:a');
        assert.ok(!codes(published).includes('pm/template-text'), JSON.stringify(initializationOptions));
        assert.ok(codes(published).includes('pm/invalid-time'));
      } finally {
        await client.stop();
      }
    }
  });

  test('enable: false silences a document', async () => {
    const client = await LspTestClient.start({ capabilities: {}, initializationOptions: { incidentDocs: { ...FAST, enable: false } } });
    try {
      await client.open('untitled:off', SEED);
      assert.deepEqual((await client.waitForDiagnostics('untitled:off')).diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  test('a wrong value is ignored, not fatal', async () => {
    const client = await LspTestClient.start({
      capabilities: {},
      initializationOptions: { incidentDocs: { ...FAST, rules: 'all of them', warnDays: 'soon' } },
    });
    try {
      await client.open('untitled:typo', SEED);
      assert.ok(codes(await client.waitForDiagnostics('untitled:typo')).includes('pm/invalid-time'));
      assert.ok(client.logs.some((line) => line.includes('rules')), 'the problem is logged');
    } finally {
      await client.stop();
    }
  });
});

describe('settings pushed with didChangeConfiguration', () => {
  // A server per test: pushed settings are the server's state, and no test may start from another's.
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, initializationOptions: { incidentDocs: FAST } });
  });
  afterEach(() => client.stop());

  /** Pushes `settings` and returns the publish that follows for `uri` (still at version 1). */
  async function push(uri: string, settings: unknown) {
    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings });
    return client.waitForDiagnostics(uri, { version: 1, after: mark });
  }

  test('re-validate open documents', async () => {
    const uri = 'untitled:pushed';
    await client.open(uri, SEED);
    assert.ok(codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/template-text'));
    const after = await push(uri, { incidentDocs: { ...FAST, ...TEMPLATE_OFF } });
    assert.ok(!codes(after).includes('pm/template-text'));
    assert.ok(codes(after).includes('pm/invalid-time'));
  });

  test('a flat payload counts; a payload without our settings changes nothing', async () => {
    const uri = 'untitled:pushed-flat';
    await client.open(uri, SEED);
    await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(!codes(await push(uri, { incidentDocs: { ...FAST, ...TEMPLATE_OFF } })).includes('pm/template-text'));

    let after = await push(uri, { ...FAST, rules: { 'pm/invalid-time': 'off' } });
    assert.ok(!codes(after).includes('pm/invalid-time'));
    assert.ok(codes(after).includes('pm/template-text'), 'the flat payload replaced the earlier one');

    after = await push(uri, { yaml: { validate: true } });
    assert.ok(!codes(after).includes('pm/invalid-time'), 'settings kept');
  });
});

describe('settings pulled with workspace/configuration', () => {
  // A server per test, answering what the test sets: no test starts from another's answers.
  let client: LspTestClient;
  let answer: Record<string, unknown>;
  beforeEach(async () => {
    answer = { debounceMs: 0 };
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      initializationOptions: { incidentDocs: { now: FAST.now } },
      configuration: (params: ConfigurationParams) => params.items.map((item) => (item.section === 'incidentDocs' ? answer : null)),
    });
  });
  afterEach(() => client.stop());

  test('are asked per document, for the incidentDocs section', async () => {
    const uri = 'untitled:pulled';
    answer = { debounceMs: 0, ...TEMPLATE_OFF };
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(!codes(published).includes('pm/template-text'));
    assert.ok(client.configurationRequests.some((r) => r.items.some((i) => i.scopeUri === uri && i.section === 'incidentDocs')));
  });

  test('are registered for change notifications and asked again after one', async () => {
    const registration = await client.waitForRegistration('workspace/didChangeConfiguration');
    assert.deepEqual(registration.registerOptions, { section: 'incidentDocs' });
    const uri = 'untitled:pulled-again';
    answer = { debounceMs: 0, ...TEMPLATE_OFF };
    await client.open(uri, SEED);
    assert.ok(!codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/template-text'));
    answer = { debounceMs: 0 };
    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const published = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.ok(codes(published).includes('pm/template-text'));
  });
});

describe('.incident-docs.yaml', () => {
  const temp = tempDir();
  let client!: LspTestClient;
  serveTempWorkspace(temp, { settings: { rules: { 'pm/template-text': 'error' } } }, (started) => (client = started));

  test('overrides editor settings and is re-read when the client reports a change', async () => {
    const registration = await client.waitForRegistration('workspace/didChangeWatchedFiles');
    assert.deepEqual(registration.registerOptions, { watchers: [{ globPattern: '**/.incident-docs.yaml' }] });
    const configFile = path.join(temp.dir, '.incident-docs.yaml');
    writeFileSync(configFile, 'rules:\n  pm/template-text: off\n');
    const filePath = path.join(temp.dir, 'postmortems', 'outage.md');
    const uri = vscodeUri(filePath);
    await client.open(uri, SEED);
    assert.ok(!codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/template-text'));

    writeFileSync(configFile, 'rules:\n  pm/invalid-time: off\n');
    const mark = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(configFile), type: 2 }] });
    const published = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.ok(!codes(published).includes('pm/invalid-time'));
    // The file no longer mentions pm/template-text, so the editor's level applies again.
    const templateText = published.diagnostics.filter((d) => d.code === 'pm/template-text');
    assert.ok(templateText.length > 0);
    assert.ok(templateText.every((d) => d.severity === DiagnosticSeverity.Error));
  });
});

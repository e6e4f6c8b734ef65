import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver/node';
import { applyEdits, FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { codes, FAST, neovimUri, positionOf, SEED, serveTempWorkspace, tempDir, vscodeUri, withRule } from './fixtures';

describe('URIs with spaces, @ and +', () => {
  const temp = tempDir();
  const workspace = path.join(temp.dir, 'team @ops+sre', 'my docs');
  const configured = path.join(workspace, 'post mortems');
  const unconfigured = path.join(workspace, 'other @dir+x');
  let client!: LspTestClient;
  // The folder as VS Code encodes it (%40, %2B); the documents below as Neovim does (raw @ and +).
  serveTempWorkspace(temp, {
    folder: workspace,
    name: 'my docs',
    prepare: () => {
      for (const dir of [configured, unconfigured]) mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(configured, '.incident-docs.yaml'), 'rules:\n  pm/template-text: off\n');
      // Above the workspace folder: the editor must not use it.
      writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'rules:\n  pm/invalid-time: off\n');
    },
  }, (started) => (client = started));

  test('the config file next to a document is found through the decoded path', async () => {
    const uri = neovimUri(path.join(configured, '2020 cert outage.md'));
    assert.ok(uri.includes('@') && uri.includes('+') && uri.includes('%20'));
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.equal(published.uri, uri, 'diagnostics come back on the URI exactly as the client sent it');
    assert.ok(!codes(published).includes('pm/template-text'));
    assert.ok(codes(published).includes('pm/invalid-time'));
  });

  test('the search stops at the workspace folder, however its URI was encoded', async () => {
    const uri = neovimUri(path.join(unconfigured, 'b+c@d.md'));
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(codes(published).includes('pm/invalid-time'), 'the file above the workspace is not used');
    assert.ok(codes(published).includes('pm/template-text'));
  });

  test('a watched-file event in another encoding re-validates', async () => {
    const uri = neovimUri(path.join(configured, 'watched @ edit+1.md'));
    await client.open(uri, SEED);
    assert.ok(!codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/template-text'), 'the config file applies');
    const configFile = path.join(configured, '.incident-docs.yaml');
    const original = readFileSync(configFile, 'utf8');
    try {
      writeFileSync(configFile, 'rules: {}\n');
      const mark = client.mark();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(configFile), type: 2 }] });
      const published = await client.waitForDiagnostics(uri, { version: 1, after: mark });
      assert.ok(codes(published).includes('pm/template-text'));
    } finally {
      writeFileSync(configFile, original);
      await client.close(uri);
    }
  });
});

describe('CRLF documents and UTF-16 positions', () => {
  // Astral characters (two UTF-16 code units each) before the finding on its line.
  const text = SEED.replace('<td>~4 hours', '<td>🔥🧯 ~4 hours').replace(/\n/g, '\r\n');
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('ranges count UTF-16 code units on CRLF lines', async () => {
    const uri = 'untitled:crlf';
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const [invalid] = withRule(published, 'pm/invalid-time');
    assert.ok(invalid);
    assert.equal(invalid.range.start.line, positionOf(text, '16:04pm').line);
    assert.match(textAt(text, invalid.range), /16:04pm/);
    const lines = text.split('\r\n');
    for (const d of published.diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `${d.code} at ${JSON.stringify(p)} is inside the text`);
      }
    }
  });

  test('a quick fix keeps the CRLF line breaks', async () => {
    const uri = 'untitled:crlf-fix';
    await client.open(uri, text);
    const [row] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/empty-row');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: row.range,
      context: { diagnostics: [row] },
    });
    const change = actions[0]?.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    const fixed = applyEdits(text, change.edits as TextEdit[]);
    assert.ok(fixed.length < text.length);
    assert.doesNotMatch(fixed, /[^\r]\n/, 'no bare LF');
    await client.replace(uri, 2, fixed);
    assert.deepEqual(withRule(await client.waitForDiagnostics(uri, { version: 2 }), 'pm/empty-row'), []);
  });
});

describe('workspace folder changes', () => {
  const temp = tempDir();
  const inner = path.join(temp.dir, 'inner ws');
  let client!: LspTestClient;
  serveTempWorkspace(temp, {
    folder: inner,
    name: 'inner',
    prepare: () => {
      mkdirSync(path.join(inner, 'notes'), { recursive: true });
      writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'rules:\n  pm/invalid-time: off\n');
    },
  }, (started) => (client = started));

  test('move the boundary of the config-file search and re-validate', async () => {
    const uri = vscodeUri(path.join(inner, 'notes', 'outage.md'));
    await client.open(uri, SEED);
    assert.ok(codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/invalid-time'));
    const mark = client.mark();
    await client.notify('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: neovimUri(temp.dir), name: 'outer' }], removed: [{ uri: vscodeUri(inner), name: 'inner' }] },
    });
    const published = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.ok(!codes(published).includes('pm/invalid-time'), 'the outer folder\'s config file now applies');
  });
});

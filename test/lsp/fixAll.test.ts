// source.fixAll.incidentDocs through the real server: the safe fixes `lint --fix` applies, as one edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { runCli } from '../cli/helpers';
import { applyEdits, FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, NOW, SEED, tempDir, vscodeUri, withRule } from './fixtures';

const FIX_ALL = 'source.fixAll.incidentDocs';
const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '../../examples/postmortems/2026-03-02-api-gateway-cert-expiry.md'), 'utf8');

function editsOf(edit: WorkspaceEdit | undefined, uri: string): { edits: TextEdit[]; version?: number | null } {
  const change = edit?.documentChanges?.[0];
  if (change && 'edits' in change) {
    assert.equal(change.textDocument.uri, uri);
    return { edits: change.edits as TextEdit[], version: change.textDocument.version };
  }
  return { edits: edit?.changes?.[uri] ?? [] };
}

describe('source.fixAll.incidentDocs', () => {
  let client: LspTestClient;
  const temp = tempDir();
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(async () => {
    await client.stop();
    temp.remove();
  });

  const ask = (uri: string, only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });

  test('is announced among the code action kinds', () => {
    const provider = client.initializeResult.capabilities.codeActionProvider;
    assert.ok(typeof provider === 'object' && provider.codeActionKinds?.includes(FIX_ALL), JSON.stringify(provider));
  });

  test('for `source.fixAll` (what codeActionsOnSave asks): one edit giving what `lint --fix` writes', async () => {
    for (const [name, text] of [['seed.md', SEED], ['postmortems/example.md', EXAMPLE]] as const) {
      const file = path.join(temp.dir, 'lsp', name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const uri = vscodeUri(file);
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, { version: 1 });
      const actions = await ask(uri, ['source.fixAll']);
      assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL], name);
      const { edits, version } = editsOf(actions[0].edit, uri);
      assert.equal(version, 1, 'made for the version it saw');

      const cliFile = path.join(temp.dir, 'cli', name);
      fs.mkdirSync(path.dirname(cliFile), { recursive: true });
      fs.writeFileSync(cliFile, text);
      runCli(['lint', '--fix', '--now', NOW, name], { cwd: path.join(temp.dir, 'cli') });
      const fixed = applyEdits(text, edits);
      assert.notEqual(fixed, text);
      assert.equal(fixed, fs.readFileSync(cliFile, 'utf8'), `${name}: the editor and the CLI fix alike`);

      await client.replace(uri, 2, fixed);
      const after = await client.waitForDiagnostics(uri, { version: 2 });
      assert.deepEqual(withRule(after, 'pm/empty-row'), []);
      assert.deepEqual(await ask(uri, ['source.fixAll']), [], 'nothing left: no action');
      await client.close(uri);
    }
  });

  test('asked for by its own kind or by `source`; never among quick fixes or in the light bulb', async () => {
    const uri = 'untitled:fix-all-kinds';
    await client.open(uri, SEED);
    await client.waitForDiagnostics(uri, { version: 1 });
    for (const only of [[FIX_ALL], ['source']]) assert.deepEqual((await ask(uri, only)).map((a) => a.kind), [FIX_ALL], only.join());
    for (const only of [['quickfix'], ['source.organizeImports'], undefined]) {
      assert.ok(!(await ask(uri, only)).some((a) => a.kind === FIX_ALL), String(only));
    }
    await client.close(uri);
  });

  test('keeps CRLF, and offers nothing where the only fixes need a choice (16:04pm)', async () => {
    const crlf = 'untitled:fix-all-crlf';
    const text = SEED.replace(/\n/g, '\r\n');
    await client.open(crlf, text);
    await client.waitForDiagnostics(crlf, { version: 1 });
    const [action] = await ask(crlf, ['source.fixAll']);
    const fixed = applyEdits(text, editsOf(action.edit, crlf).edits);
    assert.ok(fixed.length < text.length);
    assert.doesNotMatch(fixed, /(?<!\r)\n/);
    await client.close(crlf);

    const choice = 'untitled:fix-all-choice';
    await client.open(choice, '# Post-mortem: outage\n\n## Timeline\n\n- 16:04pm paged\n');
    const published = await client.waitForDiagnostics(choice, { version: 1 });
    assert.ok(withRule(published, 'pm/invalid-time').length > 0);
    assert.deepEqual(await ask(choice, ['source.fixAll']), []);
    await client.close(choice);
  });
});

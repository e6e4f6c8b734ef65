import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { LspTestClient } from '../helpers/lspClient';
import { codes, SEED, serveTempWorkspace, tempDir, vscodeUri } from './fixtures';

describe('bad input does not stop the server', () => {
  const temp = tempDir();
  let client!: LspTestClient;
  serveTempWorkspace(temp, {}, (started) => (client = started));

  test('a malformed .incident-docs.yaml is reported in the log and linting goes on', async () => {
    writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'rules: [unclosed\n');
    const uri = vscodeUri(path.join(temp.dir, 'outage.md'));
    await client.open(uri, SEED);
    assert.ok(codes(await client.waitForDiagnostics(uri, { version: 1 })).includes('pm/invalid-time'));
    assert.ok(client.logs.some((line) => line.includes('.incident-docs.yaml')), client.logs.join('\n'));
  });

  test('odd requests get empty answers and the server keeps serving', async () => {
    const uri = 'untitled:odd';
    await client.open(uri, SEED);
    await client.waitForDiagnostics(uri, { version: 1 });
    const far = { line: 1e6, character: 1e6 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: far }), null);
    assert.deepEqual(
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: far, end: far }, context: {} }),
      [],
    );
    await client.notify('workspace/didChangeConfiguration', { settings: 'not an object' });
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri at all', type: 1 }] });
    await assert.rejects(client.request('workspace/executeCommand', { command: 'incidentDocs.noSuchCommand' }));

    const mark = client.mark();
    await client.replace(uri, 2, '');
    assert.deepEqual((await client.waitForDiagnostics(uri, { version: 2, after: mark })).diagnostics, []);
    await client.replace(uri, 3, SEED);
    assert.ok(codes(await client.waitForDiagnostics(uri, { version: 3 })).includes('pm/invalid-time'));
  });
});

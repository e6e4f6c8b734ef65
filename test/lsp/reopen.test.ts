/**
 * A URI opened again before the close of the document before it reaches the server (VS Code
 * reuses untitled names, and the client may send that close after the next open): both are at
 * version 1, and the server must answer for the new text, never from the old one's analysis.
 * The real-VS-Code scale suite met this as a 300-entry inventory's 2,406 lenses (1,203 entries').
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, withRule } from './fixtures';

/** `expired` entries that expired in 2020, then `personal` valid ones with a personal owner. */
function inventory(expired: number, personal: number): string {
  const lines = ['defaults:', '  notify: [platform@example.com]', '  renewal: { method: acme }', 'certificates:'];
  for (let i = 0; i < expired; i++) lines.push(`  - name: old-${i}`, `    hosts: [old-${i}.example.test]`, '    owner: platform@example.com', '    expires: 2020-01-15');
  for (let i = 0; i < personal; i++) lines.push(`  - name: new-${i}`, `    hosts: [new-${i}.example.test]`, `    owner: jane.doe${i}@gmail.com`, '    expires: 2099-01-15');
  return lines.join('\n') + '\n';
}

describe('a URI opened again before its close arrives', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('lenses and diagnostics are the new text\'s, not the analysis of the old one at the same version', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, inventory(5, 1), 'yaml');
    await client.waitForDiagnostics(uri, { version: 1, where: (p) => withRule(p, 'cert/expired').length === 5 });
    const mark = client.mark();
    await client.open(uri, inventory(0, 2), 'yaml');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    // Two lenses per entry (expiry, Check live): the new text's 2 entries, not the old one's 6.
    assert.equal(lenses.length, 4);
    assert.deepEqual([...new Set(lenses.map((l) => l.range.start.line))], [4, 8]);
    const published = await client.waitForDiagnostics(uri, { after: mark, version: 1 });
    assert.deepEqual(withRule(published, 'cert/expired'), []);
    assert.deepEqual(withRule(published, 'cert/personal-email').map((d) => d.range.start), [
      { line: 6, character: 11 },
      { line: 10, character: 11 },
    ]);
    await client.close(uri);
  });
});

/**
 * The Certificates view and status bar (inventoryEntries), the code lenses and the diagnostics
 * count an entry's days from one "now" (expiryClock.ts): one minute before midnight UTC, when a
 * second clock would already say the next day, they say the same number.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver/node';
import { InventoryEntriesRequest, type InventoryEntriesResult } from '../../contract/src/requests';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { vscodeUri, tempDir } from './fixtures';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

const NOW = '2026-11-27T23:59:30Z';
const TEXT = [
  'defaults:',
  '  notify: [platform@example.com]',
  '  renewal: { method: acme }',
  'certificates:',
  '  - name: old',
  '    hosts: [old.example.com]',
  '    owner: platform@example.com',
  '    expires: 2025-12-28',
  '  - name: soon',
  '    hosts: [soon.example.com]',
  '    owner: platform@example.com',
  '    expires: 2026-12-10T08:00:00Z',
  '',
].join('\n');

describe('one "now" for the view, the lenses and the diagnostics', () => {
  let ws: ReturnType<typeof tempDir>;
  let client: LspTestClient;
  before(async () => {
    ws = tempDir();
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(ws.dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW } },
    });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  test('an open inventory: the same day counts everywhere', async () => {
    const file = path.join(ws.dir, 'cert-inventory.yaml');
    writeFileSync(file, TEXT);
    const uri = vscodeUri(file);
    await client.open(uri, TEXT, 'yaml');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const view = await client.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });

    const old = view.certificates.find((c) => c.name === 'old')!;
    const soon = view.certificates.find((c) => c.name === 'soon')!;
    // 2025-12-28 to 2026-11-27: 334 calendar days; 2026-12-10 is 13 days ahead.
    assert.equal(old.daysLeft, -334);
    assert.equal(soon.daysLeft, 13);
    const messages = published.diagnostics.map((d) => String(d.message));
    assert.ok(messages.some((m) => /"old" expired on 2025-12-28 \(334 days ago\)/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /"soon" expires in 13 days/.test(m)), messages.join('\n'));
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('Expired 334 days ago'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Expires in 13 days')), titles.join(' | '));
    // The view counts from the server's expiry "now", the minute the analysis used.
    assert.equal(view.now, '2026-11-27T23:59:00.000Z');
    await client.close(uri);

    // Closed, read from disk: the same numbers.
    const fromDisk = await client.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    assert.deepEqual(fromDisk.certificates.map((c) => c.daysLeft), [-334, 13]);
  });
});

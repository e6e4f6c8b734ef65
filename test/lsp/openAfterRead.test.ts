/**
 * An inventory the Certificates view has just read from disk, then opened: the open starts from
 * that read's parse (AnalysisCache.offerUnopened) instead of parsing the same text again, and
 * everything it publishes, then and after edits, is what a server that never read it publishes.
 * The real server over stdio.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver/node';
import { InventoryEntriesRequest, type InventoryEntriesResult } from '../../contract/src/requests';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, tempDir, vscodeUri } from './fixtures';

const REUSED = /opened as the workspace read just parsed it/;

/** Enough entries to be parsed by batches; expired, expiring, personal and duplicate ones among them. */
function inventory(entries: number): string {
  const lines = ['defaults:', '  warnDays: 30', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    lines.push(
      `  - name: svc-${i % 97 === 5 ? 4 : i}`,
      `    hosts: [svc-${i}.example.com]`,
      `    owner: ${i % 9 === 0 ? 'jane.doe@gmail.com' : 'platform-team@example.com'}`,
      `    expires: ${i % 3 === 0 ? '2026-01-15' : i % 3 === 1 ? '2026-12-10' : '2027-09-01'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What a publish says, in a form two servers' publishes compare by. */
const shape = (p: PublishDiagnosticsParams) =>
  p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message, d.relatedInformation?.length ?? 0]);

interface Edit {
  range: Range;
  text: string;
}

/** Edits after the open: a date made valid, a character typed into a name, a whole entry's lines removed. */
function edits(text: string): Edit[] {
  const lines = text.split('\n');
  const date = lines.findIndex((l) => l === '    expires: 2026-01-15');
  const name = lines.findIndex((l) => l === '  - name: svc-200');
  const removed = lines.findIndex((l) => l.startsWith('  - name: svc-300'));
  return [
    { range: { start: { line: date, character: 13 }, end: { line: date, character: 17 } }, text: '2028' },
    { range: { start: { line: name, character: 17 }, end: { line: name, character: 17 } }, text: 'x' },
    { range: { start: { line: removed, character: 0 }, end: { line: removed + 4, character: 0 } }, text: '' },
  ];
}

describe('opening an inventory the workspace read has just parsed', () => {
  const { dir, remove } = tempDir();
  const clients: LspTestClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    remove();
  });

  const start = async () => {
    const client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { ...FAST } },
    });
    clients.push(client);
    return client;
  };

  /** Opens `text` at `uri`, applies the edits one at a time; every version's publish, in order. */
  const openAndEdit = async (client: LspTestClient, uri: string, text: string): Promise<PublishDiagnosticsParams[]> => {
    const published = [];
    await client.open(uri, text, 'yaml', 1);
    published.push(await client.waitForDiagnostics(uri, { version: 1 }));
    let version = 1;
    for (const edit of edits(text)) {
      await client.edit(uri, ++version, edit.range, edit.text);
      published.push(await client.waitForDiagnostics(uri, { version }));
    }
    return published;
  };

  test('publishes what a server that never read it publishes, at the open and after edits', async () => {
    const text = inventory(600);
    const file = path.join(dir, 'cert-inventory.yaml');
    writeFileSync(file, text);
    const uri = vscodeUri(file);

    const reader = await start();
    const read = await reader.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    assert.equal(read.certificates.length, 600);
    const afterRead = await openAndEdit(reader, uri, text);
    assert.ok(reader.logs.some((l) => REUSED.test(l)), `the open re-used the read's parse; the server logged:\n${reader.logs.join('\n')}`);

    const fresh = await start();
    const alone = await openAndEdit(fresh, uri, text);
    assert.ok(!fresh.logs.some((l) => REUSED.test(l)));

    assert.equal(afterRead.length, alone.length);
    afterRead.forEach((p, i) => assert.deepEqual(shape(p), shape(alone[i]), `version ${i + 1}`));
    // The edits changed what is published: the comparison is not of one unchanging answer.
    assert.notDeepEqual(shape(alone[0]), shape(alone[1]));
    assert.notDeepEqual(shape(alone[2]), shape(alone[3]));
    assert.ok(alone[0].diagnostics.some((d) => d.code === 'cert/expired') && alone[0].diagnostics.some((d) => d.code === 'cert/duplicate'));

    // The rows read after the edits are the edited document's.
    const rows = await reader.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    assert.equal(rows.certificates.length, 599);
    assert.ok(rows.certificates.some((c) => c.name === 'svc-200x'));
  });

  test('an open with other text than the read (the file changed meanwhile) parses it afresh', async () => {
    const text = inventory(300);
    const file = path.join(dir, 'other-inventory.yaml');
    writeFileSync(file, text);
    const uri = vscodeUri(file);
    const reader = await start();
    await reader.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    const changed = text.replace('  - name: svc-7\n', '  - name: svc-7-renamed\n');
    const logged = reader.logs.length;
    await reader.open(uri, changed, 'yaml', 1);
    const published = await reader.waitForDiagnostics(uri, { version: 1 });
    assert.ok(!reader.logs.slice(logged).some((l) => REUSED.test(l)));

    const fresh = await start();
    await fresh.open(uri, changed, 'yaml', 1);
    assert.deepEqual(shape(published), shape(await fresh.waitForDiagnostics(uri, { version: 1 })));
  });

  test('a large inventory opened after the read shows its first lines first all the same: its lint is still to run', async () => {
    const text = inventory(2_500);
    assert.ok(text.length > 250_000);
    const file = path.join(dir, 'large-inventory.yaml');
    writeFileSync(file, text);
    const uri = vscodeUri(file);
    const reader = await start();
    await reader.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    const mark = reader.mark();
    await reader.open(uri, text, 'yaml', 1);
    const whole = await reader.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.ok(reader.logs.some((l) => REUSED.test(l)));
    const [first] = reader.published.slice(mark).filter((p) => p.uri === uri);
    assert.ok(reader.previews.has(first) && first !== whole, 'the first lines first');

    const fresh = await start();
    await fresh.open(uri, text, 'yaml', 1);
    assert.deepEqual(shape(whole), shape(await fresh.waitForDiagnostics(uri, { version: 1 })));
  });

  test('opened while the read is under way: the rows, and what is published, are a fresh server\'s', async () => {
    const text = inventory(2_500);
    const file = path.join(dir, 'opened-during-read.yaml');
    writeFileSync(file, text);
    const uri = vscodeUri(file);
    const reader = await start();
    // Right behind the request: the open comes during the read's disk read or its parse, and
    // either the open goes on from the read's parse or the read takes the open's (the order of
    // the two is the server's; test/lsp/openDuringRead.test.ts sets each one in-process).
    const reading = reader.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    await reader.open(uri, text, 'yaml', 1);
    const [rows, published] = await Promise.all([reading, reader.waitForDiagnostics(uri, { version: 1 })]);
    assert.equal(rows.certificates.length, 2_500);

    const fresh = await start();
    await fresh.open(uri, text, 'yaml', 1);
    assert.deepEqual(shape(published), shape(await fresh.waitForDiagnostics(uri, { version: 1 })));
    const freshRows = await fresh.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [uri] });
    assert.deepEqual(rows.certificates, freshRows.certificates);
  });
});

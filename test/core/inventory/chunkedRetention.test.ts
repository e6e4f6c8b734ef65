/**
 * What the parse by batches keeps: yaml's scalars are slices of the text it lexed, and a slice
 * keeps the string it was cut from. Each batch was parsed as a copy of its lines (with a stand-in
 * item appended), so every batch's copy stayed alive beside the document's text: 1.2 MB more for
 * the 5,000-entry inventory. A heap snapshot finds any string that is one batch's text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapSnapshot } from 'node:v8';
import { parseByEntries } from '../../../server/src/core/inventory/chunked';
import { reparseCertModel } from '../../../server/src/core/inventory/incremental';
import { buildCertModel } from '../../../server/src/core/inventory/model';
import { defaultConfig } from '../../../server/src/core/config';

/** Entry names no other string in the process starts with. */
const PREFIX = 'retention-probe-';

function inventory(entries: number, expires = '2027-01-01'): string {
  const out = ['defaults:', '  owner: platform-team@example.com', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    out.push(`  - name: ${PREFIX}${i}`, `    hosts: [${PREFIX}${i}.example.com]`, `    owner: team-${i}@example.com`, `    expires: ${i === 7 ? expires : '2027-01-01'}`);
  }
  return out.join('\n') + '\n';
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

async function readSnapshot(): Promise<Snapshot> {
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk;
  return JSON.parse(json) as Snapshot;
}

/** Live strings (the snapshot collects garbage first) that start with a list item of the probe's entries, and their sizes. */
async function itemStrings(): Promise<number[]> {
  const { snapshot, nodes, strings } = await readSnapshot();
  const fields = snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const stringType = snapshot.meta.node_types[0].indexOf('string');
  const found: number[] = [];
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (nodes[i + type] === stringType && strings[nodes[i + name]].startsWith(`  - name: ${PREFIX}`)) found.push(nodes[i + size]);
  }
  return found;
}

test('a parse by batches keeps no copy of a batch: the scalars are slices of the document text', async () => {
  const text = inventory(60);
  const parsed = parseByEntries(text, 5);
  assert.ok(parsed, 'parsed by batches');
  assert.deepEqual(await itemStrings(), []);
  assert.equal(parsed.documents.length, 1);
});

test('an incremental re-parse keeps no copy of the re-parsed entries', async () => {
  const config = defaultConfig();
  const path = '/repo/cert-inventory.yaml';
  const first = buildCertModel({ path, text: inventory(60) }, config);
  const next = reparseCertModel(first, { path, text: inventory(60, '2027-02-02') }, config);
  assert.ok(next, 're-parsed by entries');
  assert.deepEqual(await itemStrings(), []);
  assert.equal(next.model.inventory?.entries.length, 60);
});

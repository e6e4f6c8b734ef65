import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InventoryStore, ReadQueue, type ReadScope } from '../../client/src/certificates/inventoryStore';
import type { InventoryCertificate, InventoryEntriesResult } from '../../contract/src/requests';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const A = 'file:///ws/a.yaml';
const B = 'file:///ws/b.yaml';
const C = 'file:///ws/c.yaml';

function cert(uri: string, index: number, name: string): InventoryCertificate {
  return { uri, index, name, hosts: [], renewalDue: null, warnDays: 30, state: 'unknown', range, selectionRange: range };
}

function result(now: string, ...files: [string, ...string[]][]): InventoryEntriesResult {
  return {
    certificates: files.flatMap(([uri, ...names]) => names.map((n, i) => cert(uri, i, n))),
    inventories: files.map(([uri]) => uri),
    now,
  };
}

const names = (store: InventoryStore) => store.result.certificates.map((c) => `${c.uri.slice(-6)}:${c.name}`);

describe('inventory store', () => {
  test('a read of one file replaces only that file; files keep their order', () => {
    const store = new InventoryStore();
    store.replaceAll(result('t1', [A, 'api', 'www'], [C, 'db']));
    store.update([A], result('t2', [A, 'api', 'www-renamed']));
    assert.deepEqual(names(store), ['a.yaml:api', 'a.yaml:www-renamed', 'c.yaml:db']);
    store.update([B], result('t3', [B, 'new']));
    assert.deepEqual(store.result.inventories, [A, B, C]);
    assert.equal(store.result.now, 't3');
  });

  test('a file that is no longer an inventory leaves; one without entries stays listed', () => {
    const store = new InventoryStore();
    store.replaceAll(result('t1', [A, 'api'], [B, 'x']));
    store.update([A, B], result('t2', [B]));
    assert.deepEqual(store.result.inventories, [B]);
    assert.deepEqual(store.result.certificates, []);
    assert.ok(!store.has(A) && store.has(B));
  });

  test("a read answered as changes to the rows held gives the rows a full answer gives, and says whether any changed", () => {
    const store = new InventoryStore();
    const full = result('t1', [A, 'api', 'www', 'db'], [C, 'mail']);
    assert.equal(store.replaceAll({ ...full, resultIds: { [A]: '1', [C]: '2' } }), true);
    assert.deepEqual(store.held([A]), { [A]: '1' }, 'what a read of A sends');
    assert.deepEqual(store.held(), { [A]: '1', [C]: '2' });

    const renamed = { ...cert(A, 1, 'www-renamed') };
    const changed = store.update([A], { certificates: [], inventories: [A], now: 't2', resultIds: { [A]: '3' }, changes: [{ uri: A, count: 3, rows: [{ at: 1, row: renamed }] }] });
    assert.equal(changed, true);
    assert.deepEqual(names(store), ['a.yaml:api', 'a.yaml:www-renamed', 'a.yaml:db', 'c.yaml:mail']);
    assert.deepEqual(store.held([A]), { [A]: '3' });

    const before = store.result.certificates;
    const same = store.update([A], { certificates: [], inventories: [A], now: 't3', resultIds: { [A]: '4' }, changes: [{ uri: A, count: 3, rows: [] }] });
    assert.equal(same, false, 'no row changed: the views need not redraw');
    assert.deepEqual(store.result.certificates, before);
    assert.equal(store.result.now, 't3');

    const shorter = store.update([A], { certificates: [], inventories: [A], now: 't4', resultIds: { [A]: '5' }, changes: [{ uri: A, count: 2, rows: [] }] });
    assert.equal(shorter, true, 'an entry deleted at the end');
    assert.deepEqual(names(store), ['a.yaml:api', 'a.yaml:www-renamed', 'c.yaml:mail']);

    // No longer an inventory: its rows and its id go.
    assert.equal(store.update([A], { certificates: [], inventories: [], now: 't5', resultIds: {} }), true);
    assert.deepEqual(store.held(), { [C]: '2' });
  });

  test('the combined answer is built once per change', () => {
    const store = new InventoryStore();
    store.replaceAll(result('t1', [A, 'api']));
    assert.equal(store.result, store.result);
  });
});

describe('read queue', () => {
  /** Reads that finish only when the test says so. */
  function controlledReads() {
    const reads: { scope: ReadScope; finish: (error?: Error) => void }[] = [];
    const queue = new ReadQueue(
      (scope) => new Promise<void>((resolve, reject) => reads.push({ scope, finish: (error) => (error ? reject(error) : resolve()) })),
    );
    return { reads, queue };
  }
  const tick = () => new Promise((r) => setImmediate(r));

  test('what is asked for during a read is read after it, merged into one read', async () => {
    const { reads, queue } = controlledReads();
    const first = queue.request([A]);
    await tick();
    assert.equal(reads.length, 1);
    const second = queue.request([B]);
    const third = queue.request([C, B]);
    reads[0].finish();
    await tick();
    assert.deepEqual(reads.map((r) => r.scope), [[A], [B, C]], 'one more read, of both files');
    reads[1].finish();
    await Promise.all([first, second, third]);
  });

  test('the whole workspace absorbs single files', async () => {
    const { reads, queue } = controlledReads();
    const first = queue.request([A]);
    await tick();
    void queue.request('all');
    const last = queue.request([B]);
    reads[0].finish();
    await tick();
    assert.deepEqual(reads.map((r) => r.scope), [[A], 'all']);
    reads[1].finish();
    await Promise.all([first, last]);
  });

  test('a request after the queue went idle starts a new read; a failed last read rejects its waiters', async () => {
    const { reads, queue } = controlledReads();
    const first = queue.request([A]);
    await tick();
    reads[0].finish();
    await first;
    const second = queue.request([A]);
    await tick();
    assert.equal(reads.length, 2);
    reads[1].finish(new Error('server gone'));
    await assert.rejects(second, /server gone/);
  });
});

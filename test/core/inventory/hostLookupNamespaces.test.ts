/**
 * HostLookup answers a look-up in a namespace from an index of each host's items by namespace
 * (thousands of entries of one host in as many namespaces were each compared at every look-up):
 * it must answer what filtering every candidate answers, in the same order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HostLookup, matchingIn, type HostItem } from '../../../server/src/core/inventory/hostLookup';
import { namespacesAgree } from '../../../server/src/core/inventory/hostMatch';

interface Item extends HostItem {
  id: number;
}

/** The answer before the index: every candidate, in order, filtered at the end. */
function reference(lookups: HostLookup<Item>[], host: string, namespace: string | undefined, keep: (item: Item) => boolean): Item[] {
  const parts = lookups.map((l) => l.candidates(host));
  const found = new Set<Item>();
  for (const part of [0, 1] as const) for (const candidates of parts) for (const item of candidates[part] ?? []) if (keep(item)) found.add(item);
  return [...found].filter((item) => namespacesAgree(item.namespace, namespace));
}

const HOSTS = ['api.example.com', '*.example.com', 'www.example.com', 'api.other.org'];
const NAMESPACES = [undefined, 'a', 'b', 'c'];

test('look-ups in a namespace answer what a filter of every candidate answers, in order', () => {
  const item = fc.record({ hosts: fc.subarray(HOSTS, { minLength: 1 }), namespace: fc.constantFrom(...NAMESPACES) });
  let indexed = 0;
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 80, size: 'max' }), fc.array(item, { maxLength: 40 }), fc.constantFrom(...HOSTS), fc.constantFrom(...NAMESPACES), fc.nat({ max: 3 }), (mine, others, host, namespace, skip) => {
      let id = 0;
      const lookups = [new HostLookup<Item>(mine.map((i) => ({ ...i, id: id++ }))), new HostLookup<Item>(others.map((i) => ({ ...i, id: id++ })))];
      const keep = (i: Item) => i.id % 4 !== skip;
      const expected = reference(lookups, host, namespace, keep).map((i) => i.id);
      if (mine.length >= 16 && namespace !== undefined) indexed++;
      assert.deepEqual(matchingIn(lookups, host, namespace, keep).map((i) => i.id), expected);
      assert.deepEqual(matchingIn(lookups, host, namespace, keep, 2).map((i) => i.id), expected.slice(0, 2));
    }),
    { numRuns: 500, seed: 53 },
  );
  assert.ok(indexed > 100, `only ${indexed} runs used the index`);
});

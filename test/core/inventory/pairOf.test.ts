import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { parseYaml, pairOf } from '../../../server/src/core/inventory/yaml';

function rootOf(text: string): { doc: Document.Parsed; map: YAMLMap } {
  const doc = parseYaml(text).documents[0];
  assert.ok(isMap(doc.contents));
  return { doc, map: doc.contents };
}

/** The value pairOf finds for `key`, as text; undefined when it finds none. */
function valueAt(text: string, key: string): string | undefined {
  const { doc, map } = rootOf(text);
  const pair = pairOf(doc, map, key);
  return pair && isScalar(pair.value) ? String(pair.value.value) : undefined;
}

const many = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: v${i}\n`).join('');

describe('pairOf: a key in a map, through merge keys', () => {
  for (const [size, filler] of [['a small map (scanned)', ''], ['a large map (indexed)', many(20)]] as const) {
    it(`in ${size}: own keys first, the first of a repeated key, then merged ones`, () => {
      const text = `base: &b { owner: merged, notify: merged }\nentry:\n  <<: *b\n${filler}  owner: own\n  name: first\n  name: second\n  1: number\n`;
      const { doc, map } = rootOf(text);
      const entry = pairOf(doc, map, 'entry')!.value as YAMLMap;
      const at = (key: string) => {
        const pair = pairOf(doc, entry, key);
        return pair && isScalar(pair.value) ? String(pair.value.value) : undefined;
      };
      assert.equal(at('owner'), 'own');
      assert.equal(at('notify'), 'merged');
      assert.equal(at('name'), 'first');
      assert.equal(at('1'), 'number');
      assert.equal(at('missing'), undefined);
    });
  }
  it('finds nothing merged in a map without a merge key, and follows a quoted "<<" as YAML 1.1 merges do here', () => {
    assert.equal(valueAt('a: 1\nb: 2\n', 'c'), undefined);
    assert.equal(valueAt('base: &b { c: 3 }\n"<<": *b\n', 'c'), '3');
    assert.equal(valueAt('base: &b { c: 3 }\n<<: [*b]\n', 'c'), '3');
  });
});

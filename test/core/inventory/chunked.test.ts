/**
 * The parse by batches of entries (core/inventory/chunked.ts) must give what a whole parse gives:
 * every node's value range, the syntax errors and the comments. Generated inventories in several
 * layouts, and random edits of them (which break the batches in every way they can be broken).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseByEntries } from '../../../server/src/core/inventory/chunked';
import { isAnchorFree, noAnchors } from '../../../server/src/core/inventory/itemSplice';
import { parseYaml } from '../../../server/src/core/inventory/yaml';
import { yamlShape } from '../../helpers/inventory';
import { applyEdit } from '../../helpers/edits';

function generated(entries: number, column = 2, after = ''): string {
  const pad = ' '.repeat(column);
  const out = ['# generated', 'defaults:', '  warnDays: 30', '', 'certificates:  # the list'];
  for (let i = 0; i < entries; i++) {
    out.push(`${pad}- name: svc-${i}`, `${pad}  hosts: [svc-${i}.example.com]`, `${pad}  expires: 2027-0${(i % 9) + 1}-1${i % 10}`);
    if (i % 4 === 0) out.push(`${pad}  pem: |`, `${pad}    -----BEGIN CERTIFICATE-----`, `${pad}    MIIB`, `${pad}    -----END CERTIFICATE-----`);
    if (i % 5 === 0) out.push('', `${pad}# incident-docs-disable-next-line cert/expired`);
    if (i % 7 === 0) out.push(`${pad}  owner: a@example.com`, `${pad}  owner: b@example.com`);
  }
  return out.join('\n') + '\n' + after;
}

const BASES: Record<string, string> = {
  indented: generated(12),
  compact: generated(12, 0),
  followed: generated(10, 2, 'tail:\n  key: value\n# end\n'),
  crlf: generated(9).replace(/\n/g, '\r\n'),
  example: readFileSync(join(__dirname, '..', '..', '..', 'examples', 'inventory', 'cert-inventory.yaml'), 'utf8'),
};

function check(text: string, perBatch: number): boolean {
  const chunked = parseByEntries(text, perBatch);
  if (!chunked) return false;
  const whole = parseYaml(text);
  const context = JSON.stringify(text);
  assert.equal(chunked.documents.length, 1, context);
  assert.deepEqual(yamlShape(chunked.documents[0]), yamlShape(whole.documents[0]), context);
  assert.deepEqual(chunked.syntaxErrors, whole.syntaxErrors, context);
  assert.deepEqual(chunked.comments, whole.comments, context);
  assert.deepEqual(chunked.documents[0].errors.map((e) => [e.code, e.pos]), whole.documents[0].errors.map((e) => [e.code, e.pos]), context);
  // What the parse records about anchors (the incremental re-parse's precondition) is what a walk finds.
  const contents = whole.documents[0].contents;
  assert.equal(isAnchorFree(chunked.documents[0]), contents ? noAnchors([contents]) : true, context);
  return true;
}

const FRAGMENTS = ['a', ' ', '\n', '  ', '- ', ':', '#', '"', '[', ']', '&x ', '*x', '|\n', '---\n', '  - name: new\n', '\t', 'certificates:\n'];

describe('inventory parse by batches of entries equals a whole parse', () => {
  for (const [name, base] of Object.entries(BASES)) {
    test(`the ${name} inventory, and random edits of it`, () => {
      if (name !== 'example') assert.ok(check(base, 3), 'parsed by batches');
      let batched = 0;
      fc.assert(
        fc.property(fc.nat({ max: base.length }), fc.nat({ max: 12 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (at, remove, parts, perBatch) => {
          if (check(applyEdit(base, at, remove, parts.join('')), perBatch)) batched++;
        }),
        { numRuns: 200, seed: 17 },
      );
      assert.ok(batched > 40, `only ${batched} of 200 edits were parsed by batches`);
    });
  }

  test('an anchor before the list, in its first batch or after it: parsed by batches, and not anchor-free', () => {
    const cases = [generated(9).replace('defaults:', 'defaults: &d'), generated(9).replace('- name: svc-1', '- name: &n svc-1'), generated(9, 2, 'tail: &t\n  key: value\n')];
    for (const text of cases) {
      assert.ok(check(text, 3), 'parsed by batches');
      assert.equal(isAnchorFree(parseByEntries(text, 3)!.documents[0]), false);
    }
    assert.equal(isAnchorFree(parseByEntries(generated(9), 3)!.documents[0]), true);
  });

  test('an emptied value at the end of a batch, and a tail starting with an empty key (found by long random runs)', () => {
    const emptied = generated(9).replace('expires: 2027-03-12', 'expires:');
    assert.ok(check(emptied, 3), 'parsed by batches');
    assert.equal(parseByEntries(generated(9, 2, ': value\n'), 3), undefined, 'an empty key after the list: whole parse');
  });

  test('small inventories and lists of another shape are left to the whole parse', () => {
    assert.equal(parseByEntries(generated(5), 3), undefined, 'fewer than two batches');
    assert.equal(parseByEntries('certificates: [a, b, c, d, e, f, g]\n', 1), undefined, 'flow list');
    assert.equal(parseByEntries(generated(12).replace('certificates:  # the list', 'certificates: &list'), 3), undefined);
  });
});

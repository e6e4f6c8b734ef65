/**
 * The labelled precision check (issue 20): every finding on the shared corpus's real post-mortems
 * has been read at its line and labelled in test/fixtures/corpus-labels.tsv. A finding nobody has
 * labelled, a right finding that disappears, or a fixed wrong one that comes back fails here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingKeys, keyOf, readLabels, type LabelRow } from './helpers/corpusLabels';

const LABELS = readLabels(join(__dirname, 'fixtures/corpus-labels.tsv'));
const FIXTURES = join(__dirname, 'fixtures/postmortems');
/** Files without a known licence stay in the shared corpus (beside the repository) and are not copied here. */
const CORPUS = join(__dirname, '../../shared/corpus/postmortems');
const PRESENT = new Set(['true', 'template', 'wrong', 'noise']);

function pathOf(file: string): string | undefined {
  for (const dir of [FIXTURES, CORPUS]) if (existsSync(join(dir, file))) return join(dir, file);
  return undefined;
}

const byFile = new Map<string, LabelRow[]>();
for (const row of LABELS) byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);

describe('labelled findings on the real post-mortems of the corpus', () => {
  for (const [file, rows] of byFile) {
    const path = pathOf(file);
    it(file, { skip: !path && 'not in test/fixtures and the shared corpus is not present' }, () => {
      const given = new Set(findingKeys(file, path!).map((f) => f.key));
      const labelled = new Map(rows.map((r) => [keyOf(r), r]));
      const unlabelled = [...given].filter((k) => !labelled.has(k));
      assert.deepEqual(unlabelled, [], 'new findings: read each at its line and label it in test/fixtures/corpus-labels.tsv');
      const lost = rows.filter((r) => PRESENT.has(r.label) && !given.has(keyOf(r)));
      assert.deepEqual(lost.map((r) => `${keyOf(r)} (${r.label})`), [], 'labelled findings no longer given: a lost right finding, or relabel a fixed one gone-wrong / gone-noise');
      const back = rows.filter((r) => !PRESENT.has(r.label) && given.has(keyOf(r)));
      assert.deepEqual(back.map((r) => `${keyOf(r)}: ${r.note}`), [], 'a fixed wrong or noisy finding is back');
    });
  }

  it('every fixture copy of a labelled file is the corpus file byte for byte', () => {
    for (const file of byFile.keys()) {
      const copy = join(FIXTURES, file);
      const original = join(CORPUS, file);
      assert.ok(existsSync(copy) || existsSync(original) || !existsSync(CORPUS), `${file} is labelled but nowhere to be found`);
      if (existsSync(copy) && existsSync(original)) assert.ok(readFileSync(copy).equals(readFileSync(original)), `${file} differs from the corpus`);
    }
  });

  it('precision on the labelled findings meets the goal (wrong and noise count against it)', (t) => {
    const present = LABELS.filter((r) => PRESENT.has(r.label));
    const right = present.filter((r) => r.label === 'true').length;
    const template = present.filter((r) => r.label === 'template').length;
    const strict = right / present.length;
    const withTemplate = (right + template) / present.length;
    t.diagnostic(`${present.length} findings: ${right} true, ${template} true under the default template; precision ${strict.toFixed(2)} (${withTemplate.toFixed(2)})`);
    assert.ok(withTemplate >= 0.9, `precision with the default template: ${withTemplate.toFixed(2)} < 0.9`);
  });
});

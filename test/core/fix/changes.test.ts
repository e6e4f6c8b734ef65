import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyReplacements, ChangeSet, type Replacement } from '../../../server/src/core/fix/changes';

/** Sorted edits of `text` that neither overlap nor touch, as one pass of fixes is. */
function passOf(text: string): fc.Arbitrary<Replacement[]> {
  return fc
    .array(fc.tuple(fc.nat(text.length), fc.nat(4), fc.constantFrom('', 'x', 'yy', '\n', 'zz\r\n')), { maxLength: 6 })
    .map((raw) => {
      const out: Replacement[] = [];
      for (const [start, length, newText] of [...raw].sort((a, b) => a[0] - b[0])) {
        const end = Math.min(text.length, start + length);
        const previous = out[out.length - 1];
        if (previous && start <= previous.end) continue;
        out.push({ start, end, newText });
      }
      return out;
    });
}

describe('ChangeSet', () => {
  it('records passes so that the changes, applied to the original, give the current text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.nat(), { maxLength: 4 }), fc.integer(), (original, passSeeds, seed) => {
        const changes = new ChangeSet(original);
        let expected = original;
        for (const passSeed of passSeeds) {
          const [edits] = fc.sample(passOf(changes.current), { seed: seed + passSeed, numRuns: 1 });
          expected = applyReplacements(expected, edits);
          changes.record(edits);
          assert.equal(changes.current, expected);
          assert.equal(applyReplacements(original, changes.changes), expected);
          for (const [k, c] of changes.changes.entries()) {
            assert.ok(c.start <= c.end, 'a span');
            if (k > 0) assert.ok(changes.changes[k - 1].end < c.start, 'sorted and apart');
            assert.notEqual(c.newText, original.slice(c.start, c.end), 'no change that changes nothing');
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('merges an edit of text an earlier pass inserted into that change', () => {
    const changes = new ChangeSet('## Timline\n');
    changes.record([{ start: 3, end: 10, newText: 'Time line' }]);
    changes.record([{ start: 7, end: 8, newText: '' }]);
    assert.equal(changes.current, '## Timeline\n');
    assert.deepEqual(changes.changes, [{ start: 3, end: 10, newText: 'Timeline' }]);
  });

  it('drops a change undone by a later pass', () => {
    const changes = new ChangeSet('a b c');
    changes.record([{ start: 2, end: 3, newText: 'B' }]);
    changes.record([{ start: 2, end: 3, newText: 'b' }]);
    assert.deepEqual(changes.changes, []);
    assert.equal(changes.current, 'a b c');
  });
});

/**
 * What core/text.ts works out of an edit without reading the whole text: changedRegion compares
 * by blocks before characters, LineIndex.afterEdit reads only the edited lines. Each must give what
 * the plain way gives, wherever the edit falls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changedRegion, LineIndex } from '../../server/src/core/text';
import { applyEdit } from '../helpers/edits';

function byCharacters(old: string, text: string): { start: number; oldEnd: number } {
  const shorter = Math.min(old.length, text.length);
  let start = 0;
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start, oldEnd: old.length - suffix };
}

test('the changed region of random edits of texts around the block size equals a character comparison', () => {
  // Repetitive texts: the same block may stand on both sides of an edit.
  const text = fc.tuple(fc.constantFrom('ab', 'a', '- name: x\n', 'xyz\n'), fc.integer({ min: 0, max: 5000 })).map(([unit, n]) => unit.repeat(n));
  fc.assert(
    fc.property(text, fc.nat(), fc.nat({ max: 5000 }), fc.constantFrom('', 'a', 'b', 'ab', 'x\n', 'a'.repeat(4097)), (old, at, remove, insert) => {
      const edited = applyEdit(old, at % (old.length + 1), remove, insert);
      assert.deepEqual(changedRegion(old, edited), byCharacters(old, edited));
    }),
    { numRuns: 500, seed: 21 },
  );
  for (const at of [0, 4095, 4096, 4097, 8192, 12_287]) {
    const old = 'a'.repeat(12_288);
    const edited = applyEdit(old, at, 1, 'b');
    assert.deepEqual(changedRegion(old, edited), byCharacters(old, edited), `at ${at}`);
  }
});

test('the line index after random edits equals the index of the new text, with \\r, \\n and \\r\\n on either side of the edit', () => {
  const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\r', '  - name: x\n');
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 3 }), (old, at, remove, insert) => {
      const edited = applyEdit(old, at % (old.length + 1), remove, insert.join(''));
      const { start, oldEnd } = changedRegion(old, edited);
      const index = LineIndex.afterEdit(new LineIndex(old), edited, start, oldEnd);
      const whole = new LineIndex(edited);
      const starts = (lines: LineIndex) => Array.from({ length: lines.lineCount }, (_, i) => lines.lineStartOffset(i));
      assert.deepEqual(starts(index), starts(whole), JSON.stringify([old, edited]));
    }),
    { numRuns: 2000, seed: 5 },
  );
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyReplacements, type Replacement } from '../../server/src/core/fix/changes';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';
import { tempTree } from './helpers';

/** Applies `diff` to a file holding `original` with git, and returns the result. */
function gitApply(root: string, original: string, diff: string): string {
  fs.writeFileSync(path.join(root, 'doc.md'), original);
  fs.writeFileSync(path.join(root, 'fix.patch'), diff);
  const run = spawnSync('git', ['apply', '-p1', 'fix.patch'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stderr}\n${diff}`);
  return fs.readFileSync(path.join(root, 'doc.md'), 'utf8');
}

const line = fc.constantFrom('alpha', 'beta', '', '| a | b |', 'gamma delta');
const text = fc.tuple(fc.array(line, { minLength: 0, maxLength: 30 }), fc.boolean()).map(([lines, finalBreak]) => lines.join('\n') + (finalBreak && lines.length ? '\n' : ''));

function changesOf(original: string): fc.Arbitrary<Replacement[]> {
  return fc
    .array(fc.tuple(fc.nat(original.length), fc.nat(12), fc.constantFrom('', 'X', 'new line\n', '\n', 'Y\nZ')), { maxLength: 5 })
    .map((raw) => {
      const out: Replacement[] = [];
      for (const [start, length, newText] of [...raw].sort((a, b) => a[0] - b[0])) {
        const end = Math.min(original.length, start + length);
        if (out.length && start <= out[out.length - 1].end) continue;
        if (newText !== original.slice(start, end)) out.push({ start, end, newText });
      }
      return out;
    });
}

describe('unifiedDiff', () => {
  it('gives a diff git applies, to the changed text, for any changes (ends of lines and of the text included)', () => {
    const root = tempTree({});
    fc.assert(
      fc.property(text.chain((original) => fc.tuple(fc.constant(original), changesOf(original))), ([original, changes]) => {
        const diff = unifiedDiff('doc.md', original, changes);
        if (changes.length === 0) return assert.equal(diff, '');
        assert.equal(gitApply(root, original, diff), applyReplacements(original, changes));
      }),
      { numRuns: 60, seed: 18 },
    );
  });

  it('shows three lines of context, and hunks far apart separately', () => {
    const original = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const at = (n: number) => original.indexOf(`line ${n}\n`);
    const diff = unifiedDiff('a.md', original, [
      { start: at(2), end: at(3), newText: '' },
      { start: at(18), end: at(18) + 'line 18'.length, newText: 'LINE 18' },
    ]);
    assert.equal(
      diff,
      ['--- a/a.md', '+++ b/a.md', '@@ -1,5 +1,4 @@', ' line 1', '-line 2', ' line 3', ' line 4', ' line 5',
        '@@ -15,6 +14,6 @@', ' line 15', ' line 16', ' line 17', '-line 18', '+LINE 18', ' line 19', ' line 20', ''].join('\n'),
    );
  });

  it('escapes control characters of the document, keeping tabs', () => {
    const diff = unifiedDiff('a.md', 'a\tb \u001b[31m\n', [{ start: 0, end: 1, newText: 'A' }]);
    assert.ok(diff.includes('-a\tb \\x1B[31m\n+A\tb \\x1B[31m\n'), diff);
  });
});

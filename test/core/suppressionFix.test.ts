/**
 * "Disable this rule for this line" on every finding of the fixtures and examples: the comment it
 * writes silences that rule on that line and changes nothing else (no table broken, no list split,
 * no YAML value changed: every other finding is still there, on its line).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, lint } from '../../server/src/core/lint';
import { suppressionEdits } from '../../server/src/core/suppressionFix';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, SourceDocument, TextEdit } from '../../server/src/core/types';
import { applyEdits, config, NOW } from '../helpers/lint';

const REPO = join(__dirname, '..', '..');

function documentsUnder(folder: string, extension: RegExp, out: SourceDocument[] = []): SourceDocument[] {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) documentsUnder(path, extension, out);
    else if (extension.test(name) && name !== 'LICENSE-NOTES.md') out.push({ path, text: readFileSync(path, 'utf8') });
  }
  return out;
}

/** The line `line` moves to once `edits` (insertions) are applied. */
function movedLine(text: string, edits: TextEdit[], line: number): number {
  const lines = new LineIndex(text);
  const start = lines.lineStartOffset(line);
  return line + edits.filter((e) => lines.offsetAt(e.range.start) <= start).reduce((n, e) => n + (e.newText.match(/\n/g)?.length ?? 0), 0);
}

const key = (f: Finding, line = f.range.start.line) => `${line} ${f.rule} ${f.message}`;

function checkEveryFinding(documents: SourceDocument[]): number {
  const settings = config({ rules: { 'pm/section-order': 'info' } });
  let checked = 0;
  for (const document of documents) {
    const findings = lint(document, settings, { now: NOW });
    const analysis = analyze(document, settings);
    const done = new Set<string>();
    for (const finding of findings) {
      // One finding of each rule and kind of line (a table row, a list item, a heading…) per document: enough to meet every placement, and quick.
      const line = document.text.split(/\r?\n/)[finding.range.start.line] ?? '';
      const target = `${finding.rule} ${/^\s*(\||<|-|\*|#|\d)/.exec(line)?.[1] ?? ''}`;
      if (done.has(target)) continue;
      done.add(target);
      const edits = suppressionEdits(analysis, finding);
      if (!edits) continue;
      checked++;
      const text = applyEdits(document.text, edits);
      const after = lint({ ...document, text }, settings, { now: NOW });
      const silenced = (f: Finding) => f.rule === finding.rule && f.range.start.line === finding.range.start.line;
      const expected = findings.filter((f) => !silenced(f)).map((f) => key(f, movedLine(document.text, edits, f.range.start.line))).sort();
      assert.deepEqual(after.map((f) => key(f)).sort(), expected, `${document.path}: ${finding.rule} on line ${finding.range.start.line + 1}, with ${JSON.stringify(edits.map((e) => e.newText))}`);
    }
  }
  return checked;
}

describe('disable a rule for one line', () => {
  it('in post-mortems: a finding of each rule on each kind of line of the fixtures and examples, silenced alone', () => {
    const documents = [...documentsUnder(join(REPO, 'test', 'fixtures', 'postmortems'), /\.md$/), ...documentsUnder(join(REPO, 'examples'), /\.md$/)];
    assert.ok(checkEveryFinding(documents) > 40);
  });

  it('in certificate YAML: a finding of each rule on each kind of line of the fixtures and examples, silenced alone', () => {
    const documents = [...documentsUnder(join(REPO, 'test', 'fixtures', 'certs'), /\.ya?ml$/), ...documentsUnder(join(REPO, 'examples'), /\.ya?ml$/)];
    assert.ok(checkEveryFinding(documents) > 15);
  });
});

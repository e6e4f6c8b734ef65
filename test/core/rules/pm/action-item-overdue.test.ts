import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/action-item-overdue';
/** lintPostmortem's "now" is 2026-11-27T12:00:00Z. */
const at = (date: string) => ({ now: new Date(date) });

/** The range of the `nth` occurrence of `needle`, counted from the text (zero-based, like findings). */
function rangeOf(text: string, needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  const position = (o: number) => ({ line: text.slice(0, o).split('\n').length - 1, character: o - (text.lastIndexOf('\n', o - 1) + 1) });
  return { start: position(offset), end: position(offset + needle.length) };
}

describe(rule, () => {
  it('reports a past due date whose status is not done, on the date, by line and column', () => {
    const text = '## Action Items\n\n| Action Item | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Alert on expiry (OPS-1) | @jane | 2026-10-01 | In progress |\n| Rotate keys (OPS-2) | @bob | 2026-10-01 | Done |\n| Page on-call (OPS-3) | @kim | 2026-12-15 | Open |\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.deepEqual(f.range, rangeOf(text, '2026-10-01'));
    assert.deepEqual(f.range.start, { line: 4, character: 36 });
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'Action item was due on 2026-10-01 (57 days ago) and its status is “In progress”: “Alert on expiry (OPS-1)”.');
    assert.deepEqual(f.data, { due: '2026-10-01', daysLate: 57 });
  });

  it('is overdue from the day after the due date (UTC), whatever the hour', () => {
    const text = '## Action Items\n\n- Rotate keys (OPS-1) (due: 2026-11-27)\n';
    assert.deepEqual(byRule(lintPostmortem(text, {}, at('2026-11-27T23:59:59Z')), rule), []);
    const [f] = byRule(lintPostmortem(text, {}, at('2026-11-28T00:00:00Z')), rule);
    assert.equal(f.message, 'Action item was due on 2026-11-27 (1 day ago) and it is not marked done: “Rotate keys (OPS-1) (due: 2026-11-27)”.');
    assert.deepEqual(f.range, rangeOf(text, '2026-11-27'));
  });

  it('reads list items, sub-items and month names with the year', () => {
    const text = '## Follow-ups\n\n- [ ] Rotate keys (owner: @jane, due: 2026-11-01)\n- Move notices (OPS-2)\n  - Owner: Platform team\n  - Due: 1 November 2026\n- **Action:** Add alerting — Due: Nov 2, 2026\n';
    assert.deepEqual(
      byRule(lintPostmortem(text), rule).map((f) => f.range),
      [rangeOf(text, '2026-11-01'), rangeOf(text, '1 November 2026'), rangeOf(text, 'Nov 2, 2026')],
    );
  });

  it('says nothing of a done item: done status, checked box, ✅, struck out, under a Completed heading', () => {
    const text = [
      '## Action Items',
      '',
      '| Action | Due | Status |',
      '| --- | --- | --- |',
      '| A (OPS-1) | 2026-01-01 | Closed |',
      '| B (OPS-2) | 2026-01-01 | fixed in v2 |',
      '| C (OPS-3) | 2026-01-01 | ✅ |',
      '| D (OPS-4) | 2026-01-01 | Won’t fix |',
      '',
      '- [x] E (OPS-5) (due: 2026-01-01)',
      '- ~~F (OPS-6) (due: 2026-01-01)~~',
      '- ✅ G (OPS-7) (due: 2026-01-01)',
      '- H (OPS-8) (due: 2026-01-01, status: complete)',
      '',
      '### Completed',
      '',
      '- I (OPS-9) (due: 2026-01-01)',
    ].join('\n');
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });

  it('never reads a date that can be misread, lacks a year, or is not in a due column or field', () => {
    const text = [
      '## Action Items',
      '',
      '| Action | Owner | Due | Created | When |',
      '| --- | --- | --- | --- | --- |',
      '| A (OPS-1) | Ann | 03/04/2026 | 2026-01-01 | 2026-01-01 |',
      '| B (OPS-2) | Ann | Jan 5 | | |',
      '| C (OPS-3) | Ann | Q3 2026 | | |',
      '| D (OPS-4) | Ann | ~~2026-10-01~~ 2026-12-15 | | |',
      '| E (OPS-5) | Ann | 2026-02-30 | | |',
      '',
      '- F (OPS-6), fixed a bug due to 2026-01-01 config (no colon, not a due field: the date does not follow)',
      '- G (OPS-7) shipped 2026-01-01',
      '- H (OPS-8) due: 11/01/2026',
    ].join('\n');
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });

  it('uses actionItemDoneWords', () => {
    const text = '## Action Items\n\n| Action | Due | Status |\n| --- | --- | --- |\n| A (OPS-1) | 2026-01-01 | Erledigt |\n| B (OPS-2) | 2026-01-01 | Done |\n';
    assert.deepEqual(
      byRule(lintPostmortem(text, { actionItemDoneWords: ['erledigt'] }), rule).map((f) => f.range.start.line),
      [5],
    );
  });

  it('leaves template rows and empty sections alone', () => {
    const text = '## Action Items\n\n| Action Item | Owner | Bug | Due Date |\n| --- | --- | --- | --- |\n| {{ What will be done }} | {{ owner }} | {{ ticket }} | 2026-01-01 |\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });

  it('gives no finding on any post-mortem or template of the corpus (none states a due date)', () => {
    const dirs = [join(__dirname, '../../../fixtures/postmortems'), join(__dirname, '../../../../../shared/corpus/postmortems'), join(__dirname, '../../../../templates')];
    let files = 0;
    for (const dir of dirs.filter((d) => existsSync(d))) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        files++;
        assert.deepEqual(byRule(lintPostmortem(readFileSync(join(dir, name), 'utf8')), rule), [], name);
      }
    }
    assert.ok(files >= 20, `${files} files read`);
  });
});

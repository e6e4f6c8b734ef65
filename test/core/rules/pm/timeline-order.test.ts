import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/timeline-order';

describe(rule, () => {
  it('reports an entry earlier than the one before it, on its time', () => {
    const text = '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-12-13 15:50 | Patched |\n| 2021-12-13 14:30 | Found it |\n';
    const [f, ...rest] = byRule(lintPostmortem(text), rule);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, f), '2021-12-13 14:30');
    assert.equal(f.related?.length, 1);
  });
  it('accepts ordered 12-hour times across noon', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\n- 11:50am a\n- 12:05pm b\n- 1:10pm c\n'), rule), []);
  });
  it('accepts an undated midnight crossing but not an undated step back in the day', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\n- [22:10] a\n- [01:30] b\n'), rule), []);
    assert.equal(byRule(lintPostmortem('## Timeline\n\n- [15:10] a\n- [14:30] b\n'), rule).length, 1);
  });
  it('reports a step back under an explicit same date (no midnight excuse)', () => {
    assert.equal(byRule(lintPostmortem('## Timeline\n\n- [03-26 23:04] a\n- [03-26 02:50] b\n'), rule).length, 1);
  });
  it('compares across zones', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\n- 10:00 PST a\n- 19:00 UTC b\n'), rule), []);
    assert.equal(byRule(lintPostmortem('## Timeline\n\n- 10:00 PST a\n- 17:00 UTC b\n'), rule).length, 1);
  });
  it('compares date-only entries by day', () => {
    const text = '## Timeline\n\n| Date | Event |\n| --- | --- |\n| 2021-12-10 15:40 | a |\n| 2021-12-10 | b |\n| 2021-12-11 09:00 | c |\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/timeline-time';

describe(rule, () => {
  it('reports placeholder times and entries without a time', () => {
    const text = '## Timeline\n\n- [???] started\n- [16:04] rolled back\n- HH:mm fill me\n- then it recovered\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['???', 'HH:mm', 'then it recovered'],
    );
  });
  it('reports a table row with a date but no time, and a --:-- placeholder after a date', () => {
    const text = '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2019-12-03 --:-- | a |\n| 2019-12-04 | b |\n| 2019-12-04 10:00 | c |\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 2);
    assert.match(findings[0].message, /placeholder time “--:--”/);
    assert.match(findings[1].message, /date but no time/);
  });
  it('accepts a timeline where every entry has a time', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\n- 10:00 a\n- 10:05 b\n'), rule), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/invalid-time';

describe(rule, () => {
  it('reports impossible times in the Impact and Timeline sections, on the token', () => {
    const text = '## Impact\n\nDown ~4 hours (12:21pm to 16:04pm).\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 25:10 | a |\n| 2019-02-30 10:00 | b |\n| 20202-01-16 12:00 | c |\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['16:04pm', '25:10', '2019-02-30 10:00', '20202-01-16 12:00'],
    );
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.match(findings[2].message, /not a valid date: February 2019 has 28 days/);
  });
  it('offers both readings of 16:04pm', () => {
    const text = '## Impact\n\nFrom 12:21pm to 16:04pm.\n';
    const [f] = byRule(lintPostmortem(text), rule);
    assert.deepEqual(
      f.fixes!.map((x) => applyEdits(text, x.edits)),
      ['## Impact\n\nFrom 12:21pm to 4:04pm.\n', '## Impact\n\nFrom 12:21pm to 16:04.\n'],
    );
  });
  it('ignores times outside the Timeline and Impact sections', () => {
    assert.deepEqual(byRule(lintPostmortem('## Overview\n\nAt 16:04pm it broke.\n'), rule), []);
  });
  it('accepts valid times', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\n- 2020-02-29 12:00 am a\n- 13:00 b\n'), rule), []);
  });
});

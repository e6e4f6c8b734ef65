import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/action-item-status';

describe(rule, () => {
  it('reports rows whose Status cell is empty, on the cell', () => {
    const text = '## Action Items\n\n| Action Item | Status |\n| --- | --- |\n| Update docs (A-1) |  |\n| Rotate (A-2) | Done |\n|  |  |\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 4);
  });
  it('says nothing when the table has no Status column', () => {
    assert.deepEqual(byRule(lintPostmortem('## Action Items\n\n| Action Item | Owner |\n| --- | --- |\n| Update docs (A-1) | |\n'), rule), []);
  });
  it('works on HTML tables', () => {
    const text = '## Action Items\n\n<table>\n<thead><tr><th>Action Item</th><th>Status</th></tr></thead>\n<tr><td>Docs A-1</td><td></td></tr>\n</table>\n';
    const [f] = byRule(lintPostmortem(text), rule);
    assert.equal(covered(text, f), '<td></td>');
  });
});

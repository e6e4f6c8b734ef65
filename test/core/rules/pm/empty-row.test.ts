import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/empty-row';

describe(rule, () => {
  it('reports each empty pipe row and deletes all of them with one fix', () => {
    const text = '## Notes\n\n| A | B |\n| --- | --- |\n| x | y |\n|  |  |\n| | |\n\nAfter.\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 2);
    assert.equal(applyEdits(text, findings[0].fixes![0].edits), '## Notes\n\n| A | B |\n| --- | --- |\n| x | y |\n\nAfter.\n');
  });
  it('deletes empty multi-line HTML rows and keeps the table valid', () => {
    const text = '## Action Items\n\n<table>\n<tbody>\n<tr class="odd">\n<td>Docs A-1</td>\n<td>Done</td>\n</tr>\n<tr class="even">\n<td></td>\n<td></td>\n</tr>\n<tr class="odd">\n<td></td>\n<td></td>\n</tr>\n</tbody>\n</table>\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 2);
    const fixed = applyEdits(text, findings[0].fixes![0].edits);
    assert.equal(fixed, '## Action Items\n\n<table>\n<tbody>\n<tr class="odd">\n<td>Docs A-1</td>\n<td>Done</td>\n</tr>\n</tbody>\n</table>\n');
    assert.deepEqual(byRule(lintPostmortem(fixed), rule), []);
  });
  it('accepts tables without empty rows', () => {
    assert.deepEqual(byRule(lintPostmortem('| A | B |\n| --- | --- |\n| x | |\n'), rule), []);
  });
});

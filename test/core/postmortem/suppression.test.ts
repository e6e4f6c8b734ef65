/** Where "disable this rule for this line" puts its comment in Markdown, and that it silences the rule there. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/lint';
import { suppressionEdits } from '../../../server/src/core/suppressionFix';
import { applyEdits, byRule, config, lintPostmortem } from '../../helpers/lint';

function suppressed(text: string, rule: string, nth = 0): string {
  const finding = byRule(lintPostmortem(text), rule)[nth];
  assert.ok(finding, `a ${rule} finding in:\n${text}`);
  const edits = suppressionEdits(analyze({ path: 'postmortems/test.md', text }, config(), { kind: 'postmortem' }), finding);
  assert.ok(edits, `a suppression for ${rule}`);
  const after = applyEdits(text, edits);
  assert.deepEqual(byRule(lintPostmortem(after), rule).filter((f) => f.range.start.line === finding.range.start.line + (after.split('\n').length - text.split('\n').length)), [], 'silenced');
  return after;
}

const TIMELINE = (rows: string) => `# Post-mortem\n\n## Timeline\n\nAll times UTC.\n\n${rows}\n`;

describe('disable a rule for one line in Markdown', () => {
  it('puts the comment inside the last cell of a pipe-table row, so the table stays one table', () => {
    const text = TIMELINE('| Time | Event |\n| --- | --- |\n| 14:00 | Alert |\n| 16:04pm | Rolled back |\n| 16:30 | Done |');
    const after = suppressed(text, 'pm/invalid-time');
    assert.match(after, /\| 16:04pm \| Rolled back <!-- incident-docs-disable-line pm\/invalid-time --> \|\n\| 16:30 \| Done \|/);
  });

  it('puts it at the end of an HTML table row’s line and of a list item', () => {
    const html = TIMELINE('<table>\n<tr><td>14:00</td><td>Alert</td></tr>\n<tr><td>16:04pm</td><td>Rolled back</td></tr>\n</table>');
    assert.match(suppressed(html, 'pm/invalid-time'), /<tr><td>16:04pm<\/td><td>Rolled back<\/td><\/tr> <!-- incident-docs-disable-line pm\/invalid-time -->\n<\/table>/);
    const list = TIMELINE('- 14:00 Alert\n- 16:04pm Rolled back  \n- 16:30 Done');
    assert.match(suppressed(list, 'pm/invalid-time'), /- 16:04pm Rolled back <!-- incident-docs-disable-line pm\/invalid-time -->  \n- 16:30 Done/);
  });

  it('puts it on a line of its own above a heading, and adds a rule to a directive already there', () => {
    const text = '# Post-mortem\n\n## Overview\n\nIt broke.\n\n## Timline\n\n- 14:00 Alert\n';
    const once = suppressed(text, 'pm/required-section');
    assert.match(once, /^<!-- incident-docs-disable-next-line pm\/required-section -->\n# Post-mortem\n/);
    const table = TIMELINE('| Time | Event |\n| --- | --- |\n| 16:04pm | Rolled back <!-- incident-docs-disable-line pm/timeline-order --> |');
    assert.match(suppressed(table, 'pm/invalid-time'), /Rolled back <!-- incident-docs-disable-line pm\/timeline-order pm\/invalid-time --> \|/);
  });

  it('offers nothing where a comment would be code or front matter', () => {
    const text = '---\ntitle: Post-mortem\n---\n## Timeline\n';
    const analysis = analyze({ path: 'postmortems/test.md', text }, config(), { kind: 'postmortem' });
    assert.equal(suppressionEdits(analysis, { rule: 'pm/required-section', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } }), undefined);
  });
});

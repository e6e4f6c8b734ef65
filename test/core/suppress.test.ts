import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, lintPostmortem } from '../helpers/lint';

const table = (n: number) => `| A | B |\n| --- | --- |\n| x | y |\n${'|  |  |\n'.repeat(n)}`;

describe('inline suppression', () => {
  it('disable … enable for one rule', () => {
    const text = `<!-- incident-docs-disable pm/empty-row -->\n\n${table(2)}\n<!-- incident-docs-enable pm/empty-row -->\n\n${table(1)}`;
    assert.equal(byRule(lintPostmortem(text), 'pm/empty-row').length, 1);
  });
  it('disable with no rule silences every rule until enable', () => {
    const text = `<!-- incident-docs-disable -->\n\n${table(2)}\n## Timeline\n\n- 25:10 a\n`;
    assert.deepEqual(lintPostmortem(text), []);
  });
  it('disable-next-line silences only the next line', () => {
    const text = '## Timeline\n\n<!-- incident-docs-disable-next-line pm/invalid-time -->\n- 25:10 a\n- 25:11 b\n';
    assert.equal(byRule(lintPostmortem(text), 'pm/invalid-time').length, 1);
  });
  it('another rule in the comment does not silence this one', () => {
    const text = `<!-- incident-docs-disable pm/template-text -->\n\n${table(1)}`;
    assert.equal(byRule(lintPostmortem(text), 'pm/empty-row').length, 1);
  });
});

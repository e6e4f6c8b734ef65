import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/action-item-ticket';

describe(rule, () => {
  it('reports list items without a ticket, on the item', () => {
    const text = '## Action Items\n\n- Move notices to a team list (RHCLOUD-8613)\n- Write an SOP\n- Add alerting #123\n- Fix flake kubernetes/test-infra#12829\n- [Issue](https://github.com/o/r/issues/1)\n- See <https://jira.example.com/X>\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['Write an SOP'],
    );
  });
  it('reports table rows without a ticket (HTML and pipe), skipping empty rows', () => {
    const html = '## Action Items\n\n<table>\n<tr><th>Action Item</th><th>Status</th></tr>\n<tr><td>Update docs <a href="https://jira/RHCLOUD-8666">RHCLOUD-8666</a></td><td></td></tr>\n<tr><td>Rotate certs</td><td>Open</td></tr>\n<tr><td></td><td></td></tr>\n</table>\n';
    assert.deepEqual(
      byRule(lintPostmortem(html), rule).map((f) => covered(html, f)),
      ['<td>Rotate certs</td>'],
    );
    const pipe = '## Follow-ups\n\n| Item | Bug # |\n| --- | --- |\n| Rotate certs | |\n| Alerting | OPS-12 |\n';
    assert.deepEqual(
      byRule(lintPostmortem(pipe), rule).map((f) => covered(pipe, f)),
      ['Rotate certs'],
    );
  });
  it('treats a group item with nested items as a heading, not an action', () => {
    const text = '## Action Items\n\n- BinderHub\n  - Better errors ([Issue](https://github.com/x/y/issues/2))\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
  it('uses configured ticket patterns', () => {
    const text = '## Action Items\n\n- Rotate certs (CHG0001234)\n';
    assert.equal(byRule(lintPostmortem(text), rule).length, 1);
    assert.deepEqual(byRule(lintPostmortem(text, { ticketPatterns: ['CHG\\d{7}'] }), rule), []);
  });
  it('ignores an empty checkbox placeholder', () => {
    assert.deepEqual(byRule(lintPostmortem('## Follow-ups\n\n- [ ] \n'), rule), []);
  });
});

describe(`${rule}: what is not a ticket`, () => {
  it('a severity or a CVE id is not a ticket key', () => {
    const text = '## Action Items\n\n- Review SEV-1 paging\n- Patch CVE-2021-44228 everywhere\n';
    assert.equal(byRule(lintPostmortem(text), rule).length, 2);
  });
});

describe(`${rule}: patterns from a repository run in linear time`, () => {
  // A backtracking engine takes more than a minute on '(a+)+b' against 32 letters.
  it("'(a+)+b' against 32 letters", { timeout: 5000 }, () => {
    const text = `## Action Items\n\n- ${'a'.repeat(32)}\n`;
    const findings = byRule(lintPostmortem(text, { ticketPatterns: ['(a+)+b'] }), rule);
    assert.equal(findings.length, 1, 'no ticket: the pattern needs a b');
  });
  it("'^(a+)+$' against 30 a's and a b, matching a line as the m flag did", { timeout: 5000 }, () => {
    const text = `## Action Items\n\n- ${'a'.repeat(30)}b\n- Rotate certs\naaa\n`;
    const findings = byRule(lintPostmortem(text, { ticketPatterns: ['^(a+)+$'] }), rule);
    assert.deepEqual(findings.map((f) => covered(text, f)), [`${'a'.repeat(30)}b`]);
  });
  it('the default key pattern still leaves out SEV-, CVE- and UTF- but takes other keys', () => {
    const text = '## Action Items\n\n- Review SEV-1 paging\n- Fix UTF-8 names XSEV-2\n- Patch ABC-12, after CVE-2021-44228\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule).map((f) => covered(text, f)), ['Review SEV-1 paging']);
  });
});


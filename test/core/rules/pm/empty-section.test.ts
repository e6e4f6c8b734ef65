import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/empty-section';

describe(rule, () => {
  it('reports a section with only template guidance, and its empty subsections once', () => {
    const text = '# Post-mortem\n\n## Impact\n\nAll uploads failed.\n\n## Messaging\n\n### Internal Email\n\n*This is a follow-up for employees. It should be sent out right after the meeting.*\n\n### External Email\n\n*What are we telling customers?*\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 1);
    assert.equal(covered(text, findings[0]), 'Messaging');
    assert.match(findings[0].message, /Internal Email.*External Email/);
  });
  it('reports blank sections, placeholder-only sections and empty tables', () => {
    const text = '# Post-mortem\n\n## Overview\n\n## Resolution\n\n{{ what fixed it }}\n\n## Action Items\n\n| Item | Owner |\n| --- | --- |\n| | |\n\n## Impact\n\nReal text.\n';
    const names = byRule(lintPostmortem(text), rule).map((f) => covered(text, f));
    assert.deepEqual(names, ['Overview', 'Resolution', 'Action Items']);
  });
  it('does not report a section whose content is in its subsections', () => {
    const text = '# Post-mortem\n\n## How’d We Do?\n\n### What went well?\n\n- Teamwork.\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
  it('does not report a section with guidance and real content', () => {
    const text = '# Post-mortem\n\n## Impact\n\n*Be specific here.*\n\n| Users | All |\n| --- | --- |\n| x | y |\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, covered, lintPostmortem } from '../../../helpers/lint';

const ALL = ['Overview', 'Contributing Factors', 'Resolution', 'Impact', 'Timeline', 'How’d We Do?', 'Action Items', 'Messaging'];
const doc = (headings: string[]) => `# Post-mortem: outage\n\n${headings.map((h) => `## ${h}\n\nText.\n`).join('\n')}`;
const rule = 'pm/required-section';

describe(rule, () => {
  it('accepts every required section, at any level, with curly or straight apostrophes', () => {
    assert.deepEqual(byRule(lintPostmortem(doc(ALL)), rule), []);
    assert.deepEqual(byRule(lintPostmortem(doc(ALL.map((h) => h.replace('’', "'")))), rule), []);
    const h4 = `# Post-mortem\n\n${ALL.map((h) => `#### ${h.toUpperCase()}\n\nText.\n`).join('\n')}`;
    assert.deepEqual(byRule(lintPostmortem(h4), rule), []);
  });
  it('accepts aliases (Root Causes for Contributing Factors) and numbered headings', () => {
    const headings = ALL.map((h) => (h === 'Contributing Factors' ? '2. Root Cause(s)' : h));
    assert.deepEqual(byRule(lintPostmortem(doc(headings)), rule), []);
  });
  it('reports a missing section by name', () => {
    const findings = byRule(lintPostmortem(doc(ALL.filter((h) => h !== 'Messaging'))), rule);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Missing required section “Messaging”/);
  });
  it('names a near-miss heading and offers to rename it', () => {
    const text = doc(ALL.map((h) => (h === 'Timeline' ? 'Timline' : h === 'Action Items' ? 'Acton Items' : h)));
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 2);
    const timeline = findings.find((f) => f.message.includes('“Timeline”'))!;
    assert.match(timeline.message, /did you mean the heading “Timline”/);
    assert.equal(covered(text, timeline), 'Timline');
    const fixed = applyEdits(text, timeline.fixes![0].edits);
    assert.match(fixed, /^## Timeline$/m);
    assert.doesNotMatch(fixed, /Timline/);
  });
  it('inserts a missing section where the template order puts it', () => {
    const text = doc(ALL.filter((h) => h !== 'Impact'));
    const [finding] = byRule(lintPostmortem(text), rule);
    const insert = finding.fixes!.find((f) => f.title.startsWith('Insert'))!;
    const fixed = applyEdits(text, insert.edits);
    const order = [...fixed.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, ALL);
    assert.deepEqual(byRule(lintPostmortem(fixed), rule), []);
  });
  it('appends at the end when the missing section is the last one', () => {
    const text = doc(ALL.slice(0, -1)).trimEnd();
    const [finding] = byRule(lintPostmortem(text), rule);
    const fixed = applyEdits(text, finding.fixes!.find((f) => f.title.startsWith('Insert'))!.edits);
    assert.match(fixed, /Text\.\n\n## Messaging\n$/);
  });
  it('uses the configured list', () => {
    const findings = byRule(lintPostmortem('# Post-mortem\n\n## Summary\n\nx\n', { requiredSections: ['Summary', { name: 'Detection', aliases: ['How we found out'] }] }), rule);
    assert.deepEqual(
      findings.map((f) => f.data?.section),
      ['Detection'],
    );
  });
});

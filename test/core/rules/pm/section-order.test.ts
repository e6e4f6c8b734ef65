import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/section-order';
const on = { rules: { [rule]: 'info' } };
const doc = (headings: string[]) => `# Post-mortem: outage\n\n${headings.map((h) => `## ${h}\n\nText.\n`).join('\n')}`;
const ALL = ['Overview', 'Contributing Factors', 'Resolution', 'Impact', 'Timeline', 'How’d We Do?', 'Action Items', 'Messaging'];

describe(rule, () => {
  it('is off by default', () => {
    assert.deepEqual(byRule(lintPostmortem(doc(['Overview', 'Timeline', 'Impact'])), rule), []);
  });
  it('accepts the template’s order, with sections left out', () => {
    assert.deepEqual(byRule(lintPostmortem(doc(ALL), on), rule), []);
    assert.deepEqual(byRule(lintPostmortem(doc(['Overview', 'Impact', 'Messaging']), on), rule), []);
  });
  it('reports the one section out of order, by line and column, naming where the template puts it', () => {
    const text = doc(['Overview', 'Contributing Factors', 'Resolution', 'Timeline', 'Impact', 'How’d We Do?', 'Action Items', 'Messaging']);
    const findings = byRule(lintPostmortem(text, on), rule);
    assert.equal(findings.length, 1);
    assert.equal(covered(text, findings[0]), 'Timeline');
    assert.deepEqual([findings[0].range.start.line + 1, findings[0].range.start.character + 1], [15, 4]);
    assert.equal(findings[0].message, '“Timeline” is out of the template’s order: the template puts it after “Impact”.');
    assert.equal(findings[0].severity, 'info');
  });
  it('reports the fewest sections: Timeline moved last is one finding, not five', () => {
    const text = doc(['Overview', 'Contributing Factors', 'Resolution', 'Impact', 'How’d We Do?', 'Action Items', 'Messaging', 'Timeline']);
    const findings = byRule(lintPostmortem(text, on), rule);
    assert.deepEqual(findings.map((f) => covered(text, f)), ['Timeline']);
    assert.match(findings[0].message, /puts it before “How’d We Do\?”/);
  });
  it('follows requiredSections when set', () => {
    const text = doc(['Timeline', 'Summary']);
    assert.deepEqual(byRule(lintPostmortem(text, { ...on, requiredSections: ['Timeline', 'Summary'] }), rule), []);
    assert.equal(byRule(lintPostmortem(text, { ...on, requiredSections: ['Summary', 'Timeline'] }), rule).length, 1);
  });
});

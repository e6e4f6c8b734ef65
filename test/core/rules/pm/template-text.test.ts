import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/template-text';

describe(rule, () => {
  it('reports italic-only instructions and removes them with the fix', () => {
    const text = '# Post-mortem\n\n## Impact\n\n*Be specific here. Include numbers such as customers affected.*\n\nAll uploads failed.\n';
    const [finding, ...rest] = byRule(lintPostmortem(text), rule);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, finding), '*Be specific here. Include numbers such as customers affected.*');
    assert.equal(applyEdits(text, finding.fixes![0].edits), '# Post-mortem\n\n## Impact\n\nAll uploads failed.\n');
  });
  it('reports questions in italics spanning lines', () => {
    const text = '## Contributing Factors\n\n*What factors influenced the incident, caused troubleshooting\ndifficulties, etc.?*\n\n- DNS.\n';
    assert.equal(byRule(lintPostmortem(text), rule).length, 1);
  });
  it('reports {{ }} placeholders and <START OF OUTAGE> markers', () => {
    const text = '# Incident report {{ incident date: yyyy-mm-dd }}\n\n## Timeline\n\n<START OF OUTAGE>\n\n- 10:00 paged\n';
    const findings = byRule(lintPostmortem(text), rule);
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['{{ incident date: yyyy-mm-dd }}', '<START OF OUTAGE>'],
    );
  });
  it('reports configured extra patterns', () => {
    const text = '## Overview\n\nLorem ipsum dolor.\n';
    assert.equal(byRule(lintPostmortem(text, { templatePatterns: ['Lorem ipsum'] }), rule).length, 1);
  });
  it("runs a repository's pattern in linear time: '^(a+)+$' against 30 a's and a b", { timeout: 5000 }, () => {
    const text = `## Overview\n\n${'a'.repeat(30)}b\n\naaaa\n`;
    const findings = byRule(lintPostmortem(text, { templatePatterns: ['^(a+)+$'] }), rule);
    assert.deepEqual(findings.map((f) => covered(text, f)), ['aaaa']);
  });
  it("and '(a+)+b' against 32 letters, reporting every match once", { timeout: 5000 }, () => {
    const text = `## Overview\n\n${'a'.repeat(32)} then aab and ab.\n`;
    const findings = byRule(lintPostmortem(text, { templatePatterns: ['(a+)+b'] }), rule);
    assert.deepEqual(findings.map((f) => covered(text, f)), ['aab', 'ab']);
  });
  it('quotes at most 80 characters of what it matched', () => {
    const text = `## Overview\n\nTODO ${'x'.repeat(5000)}\n`;
    // "TODO" alone is also a note to the author (its own finding); this is the pattern's.
    const finding = byRule(lintPostmortem(text, { templatePatterns: ['TODO x+'] }), rule).find((f) => f.message.startsWith('Template text left in'))!;
    assert.equal(covered(text, finding).length, 5005);
    assert.ok(finding.message.length < 120, finding.message);
    assert.match(finding.message, /“TODO x+…”/);
  });
  it('leaves italic content that is not an instruction, and code, alone', () => {
    const text = '## Overview\n\n*Resolved by rolling back.*\n\nSome text with *emphasis* in it.\n\n```\n{{ .Values.email }}\n```\n\n`{{ x }}`\n';
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
});

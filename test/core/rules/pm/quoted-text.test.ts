import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintPostmortem } from '../../../helpers/lint';

const ESCAPES = '\u001b]0;owned\u0007\u001b[2J';
const LONG = `${ESCAPES}${'z'.repeat(200_000)}`;

describe('pm/* messages quote at most ~80 characters of the document, escaped', () => {
  it('headings, action items, timeline entries, template text and configured sections', { timeout: 20_000 }, () => {
    const text = [
      '# Post-mortem',
      '',
      `## Overview ${LONG}`,
      '',
      `### Sub ${LONG}`,
      '',
      '## Timeline',
      '',
      `- ${LONG}`,
      `- 16:04pm ${LONG}`,
      '',
      '## Action Items',
      '',
      `- ${LONG}`,
      '',
      '| Item | Status |',
      '| --- | --- |',
      `| ${LONG} | |`,
      '',
      '## Resolutoin',
      '',
      `*Be specific here ${LONG}*`,
      '',
      `TODO ${LONG}`,
      '',
    ].join('\n');
    const findings = lintPostmortem(text, {
      // Larger than the default size limit on purpose: raised, so it is checked.
      maxFileSizeBytes: 64 * 1024 * 1024,
      templatePatterns: ['TODO [^\\n]+'],
      requiredSections: ['Resolution', { name: `Cause ${LONG}`, aliases: [LONG, LONG, LONG] }],
    });
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of ['pm/empty-section', 'pm/action-item-ticket', 'pm/action-item-status', 'pm/timeline-time', 'pm/invalid-time', 'pm/template-text', 'pm/required-section']) {
      assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`);
    }
    for (const f of findings) {
      assert.ok(f.message.length < 600, `${f.rule}: ${f.message.length} characters: ${f.message.slice(0, 200)}`);
      assert.doesNotMatch(f.message, /[\u0000-\u001f\u007f-\u009f]/, `${f.rule}: ${JSON.stringify(f.message.slice(0, 300))}`);
    }
    assert.ok(findings.some((f) => f.rule === 'pm/required-section' && f.message.includes('Cause \\x1B]0;owned\\x07')), 'escaped');
  });
});

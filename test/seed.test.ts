import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyEdits, covered, lintPostmortem } from './helpers/lint';
import { lint } from '../server/src/core/lint';
import { defaultConfig } from '../server/src/core/config';

const path = 'test/fixtures/postmortems/3scale-cert-expiry-postmortem.md';
const text = readFileSync(path, 'utf8');

describe('the seed post-mortem', () => {
  it('is detected as a post-mortem by its front-matter title alone', () => {
    assert.ok(lint({ path: '/tmp/notes.md', text }, defaultConfig()).length > 0);
  });

  it('gets exactly what its README lists, and nothing that is not wrong', () => {
    const findings = lintPostmortem(text);
    const summary = findings.map((f) => `${f.range.start.line + 1} ${f.rule} ${covered(text, f).split('\n')[0]}`);
    assert.deepEqual(summary, [
      '24 pm/template-text *What details contributed to the incident?*',
      '26 pm/template-text *What factors influenced the incident, caused troubleshooting',
      '57 pm/template-text *Be specific here. Include numbers such as customers affected, cost to',
      '60 pm/template-text *Example template*',
      '66 pm/impact-timeline 12:21pm',
      '66 pm/invalid-time 16:04pm',
      '89 pm/template-text *Some important times to include: (1) time the contributing factor',
      '172 pm/template-text *List all follow up action items. Include links to Jira, documentation,',
      '185 pm/action-item-status <td></td>',
      '189 pm/action-item-status <td></td>',
      '193 pm/action-item-status <td></td>',
      '197 pm/action-item-status <td></td>',
      '201 pm/action-item-status <td></td>',
      '203 pm/empty-row <tr class="even">',
      '207 pm/empty-row <tr class="odd">',
      '211 pm/empty-row <tr class="even">',
      '215 pm/empty-row <tr class="odd">',
      '219 pm/empty-row <tr class="even">',
      '223 pm/empty-row <tr class="odd">',
      // The README's "empty Messaging sections" is one finding: the guidance inside is why it is empty.
      '230 pm/empty-section Messaging',
    ]);
  });

  it('finds the action items with tickets (no pm/action-item-ticket) and the stated zone (no pm/timeline-zone)', () => {
    const rules = new Set(lintPostmortem(text).map((f) => f.rule));
    for (const rule of ['pm/action-item-ticket', 'pm/timeline-zone', 'pm/timeline-order', 'pm/required-section']) assert.ok(!rules.has(rule), rule);
  });

  it('all quick fixes together leave a document with no template text, empty rows or invalid time', () => {
    const findings = lintPostmortem(text);
    const edits = new Map<string, { range: (typeof findings)[0]['range']; newText: string }>();
    for (const f of findings) {
      const fix = f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
      for (const e of fix?.edits ?? []) edits.set(JSON.stringify(e.range), e);
    }
    const fixed = applyEdits(text, [...edits.values()]);
    const after = new Set(lintPostmortem(fixed).map((f) => f.rule));
    for (const rule of ['pm/template-text', 'pm/empty-row', 'pm/invalid-time']) assert.ok(!after.has(rule), `${rule} still reported`);
    assert.match(fixed, /12:21pm to 4:04pm/);
  });
});

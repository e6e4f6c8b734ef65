/** New Post-Mortem's skeleton: the configured template as a snippet, its guidance recognised when left in. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { postmortemSkeleton } from '../../../server/src/core/postmortem/skeleton';
import { presetTemplate, PRESET_NAMES } from '../../../server/src/core/postmortem/templateSource';
import { expandSnippet, snippetVariables } from '../../helpers/snippets';
import { byRule, lintPostmortem } from '../../helpers/lint';

const AT = new Date(Date.UTC(2026, 2, 2, 14, 7));
const expand = (snippet: string) => expandSnippet(snippet, { variables: snippetVariables(AT) });

describe('post-mortem skeleton', () => {
  test('the default template: the title set (quoted when YAML needs it), dated, the eight sections in order', () => {
    const expanded = expand(postmortemSkeleton(presetTemplate('default')!.text, 'Payments: $100 lost {again}'));
    assert.match(expanded, /^---\ndate: 2026-03-02\ntitle: "Payments: \$100 lost \{again\}"\n---\n/);
    const headings = [...expanded.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['Overview', 'Contributing Factors', 'Resolution', 'Impact', 'Timeline', 'How’d We Do?', 'Action Items', 'Messaging']);
    assert.equal(expand(postmortemSkeleton(presetTemplate('default')!.text, 'Gateway down')).split('\n')[2], 'title: Gateway down', 'plain titles stay plain');
    assert.doesNotMatch(expanded, /<!--/, 'the template’s markers are not copied');
  });

  test('placeholders become tab stops holding their words; a choice its options; date and time the moment', () => {
    const snippet = postmortemSkeleton('## Impact\n\n{{ Who was hit }}, for {{ 1 | 2, maybe }} hours at {{ time }} on {{ date }}.\n');
    assert.equal(snippet, '## Impact\n\n${1:Who was hit}, for ${2|1,2\\, maybe|} hours at ${3:$CURRENT_HOUR:$CURRENT_MINUTE} on $CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE.\n$0');
    assert.match(postmortemSkeleton('## Impact\n', 'Down'), /^---\ndate: \$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE\ntitle: Down\n---\n## Impact\n/, 'no front matter in the template: the day and the title are added');
  });

  test('every preset and the teams’ templates, left as inserted, get no missing section; each section holding only guidance is reported', () => {
    const teams = ['PostHog__post-mortems__investigations-template.md', 'dfds__postmortems__PMyyyy-nnn_Postmortem-template.md'];
    const templates = [
      ...PRESET_NAMES.map((name) => ({ setting: name, text: presetTemplate(name)!.text })),
      ...teams.map((f) => ({ setting: join(__dirname, '..', '..', 'fixtures', 'templates', f), text: readFileSync(join(__dirname, '..', '..', 'fixtures', 'templates', f), 'utf8') })),
    ];
    for (const { setting, text } of templates) {
      const doc = expand(postmortemSkeleton(text, 'Gateway down'));
      const findings = lintPostmortem(doc, { template: setting, allowPathsOutsideWorkspace: true });
      assert.deepEqual(byRule(findings, 'pm/required-section'), [], setting);
      assert.ok(findings.some((f) => f.rule === 'pm/empty-section' || f.rule === 'pm/template-text'), `${setting}: its filler is reported`);
    }
  });

  test('a dfds report left with the template’s attendee line keeps a template-text finding (plain-text guidance, issue 20)', () => {
    const template = join(__dirname, '..', '..', 'fixtures', 'templates', 'dfds__postmortems__PMyyyy-nnn_Postmortem-template.md');
    const doc = '# Outage\n\n## Summary\n\nIt broke.\n\n## Attendees\n\n- Someone Fromtheteam (use initials)\n- JD\n';
    const findings = byRule(lintPostmortem(doc, { template, allowPathsOutsideWorkspace: true }), 'pm/template-text');
    assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.range.start.character + 1, f.message]), [[9, 3, 'Template text left in: “Someone Fromtheteam (use initials)”.']]);
  });
});

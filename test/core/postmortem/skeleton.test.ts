/** New Post-Mortem's skeleton: the configured template as a snippet, its guidance recognised when left in. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { postmortemSkeleton } from '../../../server/src/core/postmortem/skeleton';
import { presetTemplate, PRESET_NAMES } from '../../../server/src/core/postmortem/templateSource';
import { expandSnippet, snippetVariables } from '../../helpers/snippets';
import { applyEdits, byRule, covered, lintPostmortem } from '../../helpers/lint';

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

  test('filled in part, the skeleton’s leftovers are still reported: placeholders kept among written words, guidance kept beside them', () => {
    const snippet = postmortemSkeleton(presetTemplate('default')!.text, 'Gateway down');
    const stop = (line: string) => Number(/\$\{(\d+):start\}/.exec(line)?.[1]);
    const start = stop(snippet.split('\n').find((l) => l.includes(':start}'))!);
    const overview = Number(/\$\{(\d+):What happened, how/.exec(snippet)?.[1]);
    const doc = expandSnippet(snippet, {
      variables: snippetVariables(AT),
      values: { [start]: '14:02', [start + 1]: '16:10', [overview]: 'What happened, how it was noticed, who worked on it and how it ended. The gateway certificate expired at 14:02.' },
    });
    const findings = byRule(lintPostmortem(doc), 'pm/template-text');
    const at = (f: (typeof findings)[number]) => covered(doc, f);
    const duration = findings.find((f) => f.message.includes('duration'));
    assert.equal(duration && at(duration), 'duration', 'the placeholder left in “14:02 to 16:10 (duration)”');
    assert.equal(duration!.message, 'Placeholder “duration” left as the template inserted it: “14:02 to 16:10 (duration)”.');
    const sentence = findings.find((f) => f.message.startsWith('Template text left in beside'));
    assert.equal(sentence && at(sentence), 'What happened, how it was noticed, who worked on it and how it ended. ');
    const fixed = applyEdits(doc, sentence!.fixes![0].edits);
    assert.match(fixed, /## Overview\n\nThe gateway certificate expired at 14:02\.\n/);
    // A sentence that merely starts like the guidance is the author's.
    const own = doc.replace('What happened, how it was noticed, who worked on it and how it ended. The gateway', 'What brought the service back was a restart of the gateway');
    assert.ok(!byRule(lintPostmortem(own), 'pm/template-text').some((f) => f.message.startsWith('Template text left in beside')));
  });

  test('every line of every preset with several placeholders, one written over and the rest kept, is reported on that line', () => {
    for (const name of PRESET_NAMES) {
      const snippet = postmortemSkeleton(presetTemplate(name)!.text, 'Gateway down');
      const lines = snippet.split('\n');
      let checked = 0;
      lines.forEach((line, index) => {
        // Tab stops holding words (not a choice, not the time): the ones an author writes over.
        const stops = [...line.matchAll(/\$\{(\d+):([^$}]*\p{L}[^$}]*)\}/gu)].map((m) => Number(m[1]));
        // A pipe-table row holds several cells, each a value of its own (pm/template-text and pm/action-item-ticket judge each).
        if (stops.length < 2 || /^\s*\|/.test(line)) return;
        const doc = expandSnippet(snippet, { variables: snippetVariables(AT), values: { [stops[0]]: 'Real words written here' } });
        const line0 = doc.split('\n').findIndex((l) => l.includes('Real words written here'));
        const reported = byRule(lintPostmortem(doc, { template: name }), 'pm/template-text').filter((f) => f.range.start.line === line0);
        assert.ok(reported.length > 0, `${name}, line ${index + 1} (${line}): ${doc.split('\n')[line0]}`);
        checked++;
      });
      if (name === 'default') assert.ok(checked > 0, 'the default template has such a line');
    }
  });

  test('a paragraph that is one placeholder counts as guidance however short (“What helped”); a short cell value (“none”) does not', () => {
    const doc = expand(postmortemSkeleton(presetTemplate('default')!.text, 'Gateway down'));
    const empty = byRule(lintPostmortem(doc), 'pm/empty-section').map((f) => f.message);
    assert.ok(empty.some((m) => m.startsWith('Section “How’d We Do?” is empty')), empty.join('\n'));
    const filled = doc.replace('- What helped', '- What helped\n- The runbook was up to date').replace('<td>none</td>', '<td>1,200</td>');
    const findings = lintPostmortem(filled);
    assert.deepEqual(byRule(findings, 'pm/template-text').filter((f) => covered(filled, f).includes('What helped')).length, 1, 'left beside written text, it is reported');
    assert.ok(!findings.some((f) => covered(filled, f) === 'none'), 'a “none” value is an answer');
  });
});

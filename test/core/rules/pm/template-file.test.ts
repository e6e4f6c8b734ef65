/** The `template` setting: a team's own template file (or a preset) decides sections and template text. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_REQUIRED_SECTIONS } from '../../../../server/src/core/config';
import { analyze, lint } from '../../../../server/src/core/lint';
import type { PostmortemModel } from '../../../../server/src/core/postmortem/model';
import { normalizeHeading } from '../../../../server/src/core/postmortem/sections';
import { PRESET_NAMES, presetTemplate } from '../../../../server/src/core/postmortem/templateSource';
import { READ_LIMITS } from '../../../../server/src/core/workspace/readFile';
import type { Finding } from '../../../../server/src/core/types';
import { applyEdits, byRule, config, covered, NOW } from '../../../helpers/lint';

const dir = mkdtempSync(path.join(tmpdir(), 'pm-template-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEMPLATE = [
  '# Incident write-up: {{ title }}', // 1
  '', // 2
  '## Summary', // 3
  '', // 4
  'Say what broke and for how long, in two sentences.', // 5
  '', // 6
  '## Timeline', // 7
  '', // 8
  '### {{ hh:mm }}', // 9
  '', // 10
  'Describe the first thing anyone noticed.', // 11
  '', // 12
  '## Detection', // 13
  '<!-- optional -->', // 14
  '', // 15
  '> How did we find out, and could it have been sooner?', // 16
  '', // 17
  '## Follow-ups', // 18
  '', // 19
  '- Each follow-up gets a ticket in our tracker', // 20
  '', // 21
  '## Impact', // 22
  '<!-- optional -->', // 23
  '', // 24
  '| Measure | Value |',
  '| --- | --- |',
  '| {{ measure }} | Cell left as the template wrote it |',
  '',
].join('\n');
const templateFile = path.join(dir, 'team-template.md');
writeFileSync(templateFile, TEMPLATE);

function lintWith(text: string, values: Record<string, unknown>, file = path.join(dir, 'pm.md')): Finding[] {
  return lint({ path: file, root: dir, text }, config(values), { now: NOW, kind: 'postmortem' });
}
const at = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;
const summary = (text: string, findings: Finding[]) => findings.map((f) => `${at(f)} ${f.rule} ${covered(text, f).split('\n')[0]}`);

describe('template: a team template file', () => {
  const filled = [
    '# Incident write-up: API gateway certificate expired', // 1
    '', // 2
    '## Summary', // 3
    '', // 4
    'The gateway served an expired certificate for 2 hours.', // 5
    '', // 6
    '## Timeline', // 7
    '', // 8
    '### 14:05', // 9
    '', // 10
    'Pager fired.', // 11
    '', // 12
    '## Follow-ups', // 13
    '', // 14
    '- Renew by ACME: OPS-12', // 15
    '',
  ].join('\n');

  it('a report with every section of the template (the optional one left out) gets no pm/required-section', () => {
    assert.deepEqual(byRule(lintWith(filled, { template: templateFile }), 'pm/required-section'), []);
  });

  it('reports a missing section of the template, by name, at the title, and inserts it at the template’s level', () => {
    const text = filled.replace('## Summary\n\nThe gateway served an expired certificate for 2 hours.\n\n', '');
    const [finding, ...rest] = byRule(lintWith(text, { template: templateFile }), 'pm/required-section');
    assert.deepEqual(rest, []);
    assert.equal(finding.message, 'Missing required section “Summary” (or “Overview”, “Executive Summary”, “Incident Summary”, “Description”).');
    assert.equal(at(finding), '1:3');
    const fixed = applyEdits(text, finding.fixes!.find((f) => f.title.startsWith('Insert'))!.edits);
    assert.match(fixed, /^## Summary\n\n## Timeline/m);
  });

  it('a heading with a placeholder matches any heading of that shape, and only that shape', () => {
    const other = filled.replace('# Incident write-up: API gateway certificate expired', '# Post-mortem: API gateway');
    const findings = byRule(lintWith(other, { template: templateFile }), 'pm/required-section');
    assert.deepEqual(findings.map((f) => f.message), ['Missing required section “Incident write-up: {{ title }}”.']);
  });

  it('the template’s own text left in is pm/template-text, by line and column: paragraph, list item, blockquote, table cell', () => {
    const text = [
      '# Incident write-up: outage', // 1
      '', // 2
      '## Summary', // 3
      '', // 4
      'Say what broke and for how long, in two sentences', // 5 (no full stop: still the template's)
      '', // 6
      'The API was down.', // 7
      '', // 8
      '## Timeline', // 9
      '', // 10
      '- 14:05 Pager fired.', // 11
      '', // 12
      '## Detection', // 13
      '', // 14
      '> How did we find out, and could it have been sooner?', // 15
      '', // 16
      'By a page.', // 17
      '', // 18
      '## Follow-ups', // 19
      '', // 20
      '- Each follow-up gets a ticket in our tracker', // 21
      '- Renew by ACME: OPS-12', // 22
      '', // 23
      '## Impact', // 24
      '', // 25
      '| Measure | Value |', // 26
      '| --- | --- |', // 27
      '| Users | Cell left as the template wrote it |', // 28
      '',
    ].join('\n');
    const findings = byRule(lintWith(text, { template: templateFile }), 'pm/template-text');
    assert.deepEqual(summary(text, findings), [
      '5:1 pm/template-text Say what broke and for how long, in two sentences',
      '15:1 pm/template-text > How did we find out, and could it have been sooner?',
      '21:3 pm/template-text Each follow-up gets a ticket in our tracker',
      '28:11 pm/template-text Cell left as the template wrote it',
    ]);
    // Removing them leaves the report's own words.
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes?.[0]?.edits ?? []));
    assert.deepEqual(byRule(lintWith(fixed, { template: templateFile }), 'pm/template-text').length, 1, 'the table cell has no fix: only the author can fill it');
    assert.match(fixed, /The API was down\./);
  });

  it('a section holding only the template’s guidance is empty, and its guidance is not reported again', () => {
    const text = '# Incident write-up: outage\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\n## Timeline\n\n- 14:05 Pager fired.\n\n## Follow-ups\n\n- OPS-1 renew\n';
    const findings = lintWith(text, { template: templateFile }).filter((f) => f.rule === 'pm/empty-section' || f.rule === 'pm/template-text');
    assert.deepEqual(summary(text, findings), ['3:4 pm/empty-section Summary']);
  });

  it('without the template, the same plain-text guidance is not template text (the default template does not know it)', () => {
    const text = '# Post-mortem\n\n## Overview\n\nSay what broke and for how long, in two sentences.\n';
    assert.deepEqual(byRule(lintWith(text, {}), 'pm/template-text'), []);
  });

  it('requiredSections, when set, overrides the template’s sections (its guidance still counts)', () => {
    const text = '# Incident write-up: outage\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\nIt broke.\n';
    const findings = lintWith(text, { template: templateFile, requiredSections: ['Summary', 'Remediation'] });
    assert.deepEqual(byRule(findings, 'pm/required-section').map((f) => f.message), ['Missing required section “Remediation”.']);
    assert.equal(byRule(findings, 'pm/template-text').length, 1);
  });

  it('is read once per version: the same parsed template until the file changes (mtime, size)', () => {
    const file = path.join(dir, 'changing.md');
    writeFileSync(file, '## Summary\n\n## Impact\n');
    const model = () => analyze({ path: path.join(dir, 'pm.md'), root: dir, text: '# Post-mortem\n' }, config({ template: file }), { kind: 'postmortem' }).parsed[0].model as PostmortemModel;
    const first = model().template.template;
    assert.equal(model().template.template, first, 'unchanged: not re-read');
    writeFileSync(file, '## Summary\n\n## Impact\n\n## Timeline\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = model().template.template;
    assert.notEqual(second, first);
    assert.deepEqual(second?.sections.map((s) => s.name), ['Summary', 'Impact', 'Timeline']);
  });
});

describe('template: one clear finding when it cannot be used, never a crash', () => {
  const text = '# Post-mortem: outage\n\n## Overview\n\nIt broke.\n';
  const problem = (values: Record<string, unknown>, root: string | undefined = dir) => {
    const findings = lint({ path: path.join(dir, 'pm.md'), root, text }, config(values), { now: NOW, kind: 'postmortem' });
    const required = byRule(findings, 'pm/required-section');
    assert.equal(required.length, 1, JSON.stringify(required));
    assert.equal(at(required[0]), '1:3');
    return required[0].message;
  };

  it('a missing file', () => {
    assert.equal(problem({ template: path.join(dir, 'nope.md') }), `Template not used: "${path.join(dir, 'nope.md')}": no such file.`);
  });
  it('a folder, and a file larger than the limit', () => {
    mkdirSync(path.join(dir, 'folder.md'), { recursive: true });
    assert.match(problem({ template: path.join(dir, 'folder.md') }), /a folder, not read/);
    const big = path.join(dir, 'big.md');
    writeFileSync(big, `## A\n${'x'.repeat(READ_LIMITS.template)}\n`);
    assert.match(problem({ template: big }), /larger than 1 MB \(the limit for a template of this kind\), not read/);
  });
  it('a file outside the workspace (directly or through a link) unless allowPathsOutsideWorkspace', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'pm-template-outside-'));
    after(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(path.join(outside, 'tpl.md'), '## Summary\n\n## Postmortem Only Outside\n');
    symlinkSync(path.join(outside, 'tpl.md'), path.join(dir, 'link.md'));
    assert.match(problem({ template: path.join(outside, 'tpl.md') }), /^Template not used: ".*tpl\.md" is outside the workspace/);
    assert.match(problem({ template: path.join(dir, 'link.md') }), /is outside the workspace/);
    // Allowed: read, and its sections are what is checked.
    assert.equal(problem({ template: path.join(outside, 'tpl.md'), allowPathsOutsideWorkspace: true }), 'Missing required section “Postmortem Only Outside”.');
  });
  it('an unknown preset name', () => {
    assert.equal(problem({ template: 'google' }), `Template not used: "google" is neither a preset (${PRESET_NAMES.join(', ')}) nor the path of a Markdown file.`);
  });
  it('a relative path with no folder to resolve it against', () => {
    const findings = lint({ text }, config({ template: 'docs/template.md' }), { now: NOW, kind: 'postmortem' });
    assert.match(byRule(findings, 'pm/required-section')[0].message, /is relative, and this document has no folder/);
  });
  it('a relative path (editor settings) is resolved against the workspace folder', () => {
    mkdirSync(path.join(dir, 'docs'), { recursive: true });
    writeFileSync(path.join(dir, 'docs', 'template.md'), '## Overview\n\n## Relative Section\n');
    assert.equal(problem({ template: 'docs/template.md' }), 'Missing required section “Relative Section”.');
  });
});

describe('template presets', () => {
  it('ship as Markdown: default, google-sre, pagerduty, atlassian, kehoe', () => {
    assert.deepEqual([...PRESET_NAMES].sort(), ['atlassian', 'default', 'google-sre', 'kehoe', 'pagerduty']);
  });
  it('default is the eight sections of requiredSections’ default, with their aliases, in order', () => {
    const required = presetTemplate('default')!.sections.filter((s) => !s.optional).map((s) => ({ name: normalizeHeading(s.name), aliases: s.aliases }));
    assert.deepEqual(required, DEFAULT_REQUIRED_SECTIONS.map((r) => ({ ...r, name: normalizeHeading(r.name) })));
  });
  for (const name of ['google-sre', 'pagerduty', 'atlassian', 'kehoe']) {
    it(`${name}: a report written to it (its headings, its placeholders filled) gets no pm/required-section or template text`, () => {
      const template = presetTemplate(name)!;
      const headings = template.sections.filter((s) => !s.optional).map((s) => `${'#'.repeat(s.depth ?? 2)} ${s.name}\n\nWritten by the team, 14:05 UTC.\n`);
      const text = `---\ntitle: Post-mortem - outage\n---\n${headings.join('\n')}`;
      const findings = lintWith(text, { template: name }).filter((f) => f.rule === 'pm/required-section' || f.rule === 'pm/template-text');
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.ok(template.sections.filter((s) => !s.optional).length >= 8, 'lists the template’s sections');
    });
  }
  it('the default template lists the sections with no guidance copied from elsewhere: every text is a placeholder', () => {
    for (const name of PRESET_NAMES) {
      const body = presetTemplate(name)!.text.replace(/^---[\s\S]*?---\n/, '');
      const prose = body.split('\n').filter((l) => l.trim() && !/^(#|<!--|\s*\w.*-->$|\||<\/?t|-->)/.test(l.trim()) && !/\{\{/.test(l));
      assert.deepEqual(prose.filter((l) => !/^\s+\S.*$/.test(l) || !/-->/.test(l)).filter((l) => !/^\s/.test(l)), [], name);
    }
  });
});

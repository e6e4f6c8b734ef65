import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { analyze, kindsOf, lint } from '../../server/src/core/lint';
import type { PostmortemModel } from '../../server/src/core/postmortem/model';
import { choices } from '../helpers/snippets';
import { expand, INSERTED_AT, ROOT, snippetFile } from './files';

const snippets = snippetFile('postmortem.code-snippets');
const skeleton = snippets['Post-mortem'];
const NOW = new Date('2026-11-27T18:00:00Z');
const DOC = 'postmortems/new.md';

const lintPm = (text: string) => lint({ path: DOC, text }, defaultConfig(), { now: NOW, kind: 'postmortem' });
const rules = (text: string) => lintPm(text).map((f) => f.rule);
const model = (text: string) =>
  analyze({ path: DOC, text }, defaultConfig(), { kind: 'postmortem' }).parsed[0].model as PostmortemModel;
const times = (text: string) =>
  (model(text).timeline?.entries ?? []).map((e) => (e.token?.time ? `${e.token.time.hour}:${e.token.time.minute}` : '-'));
const headings = (text: string) => text.split('\n').filter((l) => /^#{1,6} /.test(l));

/**
 * The skeleton as an author leaves it: every piece of the template's guidance replaced by their
 * own words (left in, each is reported: see "left at its defaults").
 */
const WRITTEN: [string, string][] = [
  ['What happened, how it was noticed, who worked on it and how it ended.', 'The gateway served an expired certificate until on-call renewed it.'],
  ['A factor that caused the incident or made it harder to troubleshoot', 'Renewal notices went to one person’s mailbox.'],
  ['What brought the service back.', 'A renewed certificate was deployed.'],
  ['start to end (duration)', 'not yet measured'],
  ['What happened at this time', 'Page fired and was acknowledged'],
  ['What helped', 'The runbook was current.'],
  ['What got in the way', 'Nobody knew where the certificate lived.'],
  ['A short paragraph for employees, sent right after the post-mortem meeting, with a link to this page.', 'Sent to staff on the day.'],
  ['What customers are told on the status page, apology included (a genuine one, not rote).', 'Posted on the status page.'],
];
const written = (text: string) => WRITTEN.reduce((t, [from, to]) => t.replace(from, to), text);

/** Puts `insertion` before the `</tbody>` (or, for pipe tables, after the last row) of a section's table. */
function insertInSection(text: string, heading: string, insertion: string, before = '</tbody>'): string {
  const at = text.indexOf(before, text.indexOf(heading));
  assert.ok(at > 0, `no ${before} after ${heading}`);
  return text.slice(0, at) + insertion + text.slice(at);
}

/** Replaces a section's body (up to the next ## heading) with `body`. */
function replaceSection(text: string, heading: string, body: string): string {
  const start = text.indexOf('\n', text.indexOf(heading)) + 1;
  const end = text.indexOf('\n## ', start);
  return text.slice(0, start) + body + text.slice(end);
}

describe('post-mortem skeleton snippet', () => {
  const text = expand(skeleton);

  test('has the seed post-mortem’s headings, in its order', () => {
    const seed = readFileSync(path.join(ROOT, 'test/fixtures/postmortems/3scale-cert-expiry-postmortem.md'), 'utf8');
    assert.deepEqual(headings(text), headings(seed));
  });

  test('left at its defaults: no missing section or impossible time, and every piece of its own guidance is reported', () => {
    const findings = lintPm(text);
    assert.deepEqual(findings.filter((f) => f.rule === 'pm/required-section' || f.rule === 'pm/invalid-time'), []);
    const lines = text.split('\n');
    const at = (f: (typeof findings)[0]) => `${f.rule} ${lines[f.range.start.line].trim()}`;
    // A section holding only guidance is empty (one finding); guidance beside content is template text.
    // How'd We Do? holds only its subsections' prompts ("What helped", "What got in the way"): empty, once.
    assert.deepEqual(findings.map(at), [
      'pm/empty-section ## Overview',
      'pm/empty-section ## Contributing Factors',
      'pm/empty-section ## Resolution',
      'pm/template-text <td>start to end (duration)</td>',
      'pm/template-text <td>What happened at this time</td>',
      'pm/empty-section ## How’d We Do?',
      'pm/action-item-ticket <td>What will be done</td>',
      'pm/empty-section ## Messaging',
    ]);
  });

  test('written in (the guidance replaced) with a ticket typed in, it lints clean', () => {
    assert.deepEqual(rules(written(text).replace('ticket key or link', 'RHCLOUD-8613')), []);
  });

  test('front matter: dated the day it is inserted, titled so it is detected as a post-mortem by content', () => {
    assert.match(text, /^---\ndate: 2026-11-27\ntitle: Post-mortem - [^\n]+\n---\n/);
    const analysis = analyze({ path: 'notes/anything.md', text }, defaultConfig());
    assert.deepEqual(kindsOf(analysis), ['postmortem']);
  });

  test('the timeline is an HTML table whose header states the zone, its row stamped with the insertion time', () => {
    assert.match(text, /<th>Time \(UTC\)<\/th>/);
    const timeline = model(text).timeline;
    assert.equal(timeline?.zone, 'UTC');
    assert.equal(timeline?.zoneStated, true);
    assert.deepEqual(times(text), ['14:7']);
  });

  test('every zone offered for the Time column is one the linter understands', () => {
    const zoneStop = [...choices(skeleton.body)].find(([, options]) => options.includes('UTC'));
    assert.ok(zoneStop, 'a choice of zones');
    for (const zone of zoneStop[1]) {
      const filled = expand(skeleton, INSERTED_AT, { [zoneStop[0]]: zone });
      assert.equal(model(filled).timeline?.zone, zone, zone);
      assert.ok(!rules(filled).includes('pm/timeline-zone'), zone);
    }
  });

  test('the Action Items table has Action Item, Ticket and Status columns and a status chosen', () => {
    assert.match(text, /<th>Action Item<\/th>\n<th>Ticket<\/th>\n<th>Status<\/th>/);
    const items = model(text).actionItems?.items ?? [];
    assert.equal(items.length, 1);
    assert.ok(items[0].status?.text.trim(), 'status filled by the choice');
  });
});

describe('timeline row snippets: stamped with the current time', () => {
  const later = new Date('2026-11-27T14:42:00Z');

  test('HTML row: goes into the skeleton’s table as a later entry', () => {
    const row = expand(snippets['Timeline row now (HTML table)'], later);
    assert.match(row, /^<tr>\n<td>14:42<\/td>/);
    const text = insertInSection(written(expand(skeleton)), '## Timeline', row.trimEnd() + '\n');
    assert.deepEqual(times(text), ['14:7', '14:42']);
    assert.deepEqual(rules(text.replace('ticket key or link', 'RHCLOUD-8613')), []);
  });

  test('pipe row: forms a pipe-table timeline with a stated zone', () => {
    const row = (at: Date) => expand(snippets['Timeline row now (pipe table)'], at).trimEnd();
    assert.equal(row(later), '| 14:42 | What happened |');
    const table = `\n| Time (UTC) | Notes |\n| --- | --- |\n${row(INSERTED_AT)}\n${row(later)}\n\n`;
    const text = replaceSection(written(expand(skeleton)), '## Timeline', table);
    assert.deepEqual(times(text), ['14:7', '14:42']);
    assert.equal(model(text).timeline?.zone, 'UTC');
    assert.deepEqual(rules(text.replace('ticket key or link', 'RHCLOUD-8613')), []);
  });

  test('a time just after midnight is zero-padded, so it reads as 24-hour time', () => {
    assert.equal(expand(snippets['Timeline row now (pipe table)'], new Date('2026-11-28T00:05:00Z')).trimEnd(), '| 00:05 | What happened |');
  });
});

describe('action item row snippets: a ticket placeholder the linter catches until it is filled', () => {
  const base = written(expand(skeleton)).replace('ticket key or link', 'RHCLOUD-8613');

  test('HTML row', () => {
    const row = expand(snippets['Action item row (HTML table)']).trimEnd() + '\n';
    const text = insertInSection(base, '## Action Items', row);
    assert.equal(model(text).actionItems?.items.length, 2);
    assert.deepEqual(rules(text), ['pm/action-item-ticket']);
    assert.deepEqual(rules(text.replace('ticket key or link', 'owner/repo#123')), []);
  });

  test('pipe row', () => {
    const row = expand(snippets['Action item row (pipe table)']).trimEnd();
    const table = `\n| Action Item | Ticket | Status |\n| --- | --- | --- |\n| Rotate the cert | RHCLOUD-8613 | Done |\n${row}\n\n`;
    const text = replaceSection(base, '## Action Items', table);
    assert.equal(model(text).actionItems?.items.length, 2);
    assert.deepEqual(rules(text), ['pm/action-item-ticket']);
    assert.deepEqual(rules(text.replace('ticket key or link', 'RHCLOUD-8669')), []);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { incidentMetrics, type IncidentMetrics, type Milestone } from '../../../../server/src/core/postmortem/metrics';
import { buildPostmortemModel } from '../../../../server/src/core/postmortem/model';
import { LineIndex } from '../../../../server/src/core/text';
import type { Span } from '../../../../server/src/core/types';
import { config } from '../../../helpers/lint';

const KIAM_FILE = 'test/fixtures/postmortems/dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md';
const KIAM = readFileSync(KIAM_FILE, 'utf8');

function metrics(text: string, values: Record<string, unknown> = {}): IncidentMetrics {
  const c = config(values);
  return incidentMetrics(buildPostmortemModel({ path: 'postmortems/x.md', text }, c), c);
}

/** Minutes and source of each metric: `54 stated`, `unknown`. */
function summary(m: IncidentMetrics): Record<Milestone, string> {
  const out = {} as Record<Milestone, string>;
  for (const [milestone, d] of Object.entries(m.durations)) out[milestone as Milestone] = d.fact ? `${d.minutes} ${d.fact.source}` : 'unknown';
  return out;
}

/** 1-based line:column of a span's start, and the text it covers. */
function at(text: string, span: Span): string {
  const p = new LineIndex(text).positionAt(span.start);
  return `${p.line + 1}:${p.character + 1} ${text.slice(span.start, span.end)}`;
}

const TIMELINE = (rows: string[]) => `## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n${rows.map((r) => `| ${r} |`).join('\n')}\n`;

describe('incident metrics', () => {
  it('dfds KIAM: 54 and 148 minutes as the authors state them, measured against nothing guessed (not 26 from the first "alert")', () => {
    const m = metrics(KIAM);
    assert.deepEqual(summary(m), { detected: '54 stated', acknowledged: 'unknown', mitigated: 'unknown', resolved: '148 stated' });
    assert.equal(at(KIAM, m.durations.detected.fact!.span), '41:22 54 minutes');
    assert.equal(at(KIAM, m.durations.resolved.fact!.span), '42:21 148 minutes');
    assert.equal(m.start?.source, 'first-entry');
    assert.equal(at(KIAM, m.start!.span), '15:3 2020-01-21 15:36');
  });

  it('an untagged timeline states no moment, whatever its entries say', () => {
    const m = metrics(TIMELINE(['10:00 | Error rate rises', '10:05 | PagerDuty alerted on-call, acknowledged', '10:30 | Mitigated by rollback', '11:00 | Resolved, all clear']));
    assert.deepEqual(summary(m), { detected: 'unknown', acknowledged: 'unknown', mitigated: 'unknown', resolved: 'unknown' });
    assert.equal(m.facts.length, 0);
  });

  it('tagged entries, measured from the earliest entry, anywhere in the row and in any case', () => {
    const text = TIMELINE(['10:00 | Error rate rises', '10:12 | [Detected] Alert fires', '10:15 | Paged [ack]', '10:40 | [mitigated] Rolled back', '11:20 | [RESOLVED] Cache warm']);
    const m = metrics(text);
    assert.deepEqual(summary(m), { detected: '12 timeline-tag', acknowledged: '15 timeline-tag', mitigated: '40 timeline-tag', resolved: '80 timeline-tag' });
    assert.equal(at(text, m.durations.detected.fact!.span), '8:3 10:12');
    assert.equal(m.durations.detected.fact!.label, 'Detected');
  });

  it('a [started] tag moves the start; the first entry tagged with a moment counts', () => {
    const m = metrics(TIMELINE(['09:00 | Deploy of 4.2 (lead-up)', '10:00 | [started] Errors begin', '10:20 | [detected] Alert', '10:25 | [detected] Second alert']));
    assert.equal(m.start?.source, 'timeline-tag');
    assert.equal(m.start?.text, '10:00');
    assert.equal(m.durations.detected.minutes, 20);
  });

  it('bullet timelines: a tag after the time, inline code in the entry does not hide it', () => {
    const m = metrics('## Timeline\n\n- 14:00 UTC: `api` starts failing\n- 14:09 UTC: [detected] alert from `blackbox`\n- 15:30 UTC: [resolved] `api` back\n');
    assert.deepEqual(summary(m), { detected: '9 timeline-tag', acknowledged: 'unknown', mitigated: 'unknown', resolved: '90 timeline-tag' });
  });

  it('the tag words are a setting; a moment left out keeps its defaults', () => {
    const text = TIMELINE(['10:00 | Errors', '10:07 | [paged] on-call', '10:30 | [resolved] fixed']);
    assert.equal(metrics(text).durations.acknowledged.fact, undefined);
    const m = metrics(text, { metricTags: { acknowledged: ['paged'] } });
    assert.equal(m.durations.acknowledged.minutes, 7);
    assert.equal(m.durations.resolved.minutes, 30);
    assert.equal(metrics(text, { metricTags: { resolved: [] } }).durations.resolved.fact, undefined);
  });

  it('the front matter comes first, measured from incident.started, in its zones', () => {
    const text =
      '---\ntitle: Post-mortem\nincident:\n  started: 2020-01-21T15:36:00+01:00\n  detected: "2020-01-21 16:30 CET"\n  acknowledged: 2020-01-21T15:40:00Z\n  resolved: 2020-01-21T17:04:00Z\n---\n' +
      KIAM.replace('| New certificates generated, service restored ', '| [resolved] New certificates generated, service restored ');
    const m = metrics(text);
    assert.deepEqual(summary(m), { detected: '54 front-matter', acknowledged: '64 front-matter', mitigated: 'unknown', resolved: '148 front-matter' });
    assert.equal(m.start?.source, 'front-matter');
    assert.equal(at(text, m.start!.span), '4:12 2020-01-21T15:36:00+01:00');
    assert.equal(at(text, m.durations.detected.fact!.span), '5:13 "2020-01-21 16:30 CET"');
    // Every statement is kept for pm/metrics-mismatch: the front matter, the tag, the stated line.
    assert.deepEqual(
      m.facts.filter((f) => f.milestone === 'resolved').map((f) => `${f.source} ${f.minutes}`),
      ['front-matter 148', 'timeline-tag 148', 'stated 148'],
    );
  });

  it('a YAML timestamp read as a date, and a value that is no date and time, which is left out', () => {
    const text = '---\nincident:\n  started: 2024-03-01T09:00:00Z\n  detected: soon\n  resolved: 2024-03-01\n---\n' + TIMELINE(['2024-03-01 09:00 | a', '2024-03-01 09:30 | [detected] b']);
    const m = metrics(text);
    assert.equal(m.durations.detected.fact?.source, 'timeline-tag');
    assert.equal(m.durations.resolved.fact, undefined);
  });

  it('front-matter times without incident.started count from the timeline, placed on their calendar', () => {
    const undated = '---\nincident:\n  detected: 2024-03-01T23:58:00Z\n---\n## Timeline\n\nAll times in UTC.\n\n- 23:40 errors\n- 00:05 [resolved] fixed\n';
    const m = metrics(undated);
    assert.deepEqual(summary(m), { detected: '18 front-matter', acknowledged: 'unknown', mitigated: 'unknown', resolved: '25 timeline-tag' });
  });

  it('a timeline that writes no year is read in the front matter\'s', () => {
    const text = '---\nincident:\n  started: 2019-03-25T23:00:00-07:00\n---\n## Timeline\n\nAll times in PDT (UTC-7).\n\n- [03-25 23:04] bump merged\n- [03-26 02:50] [detected] jobs failing\n';
    assert.equal(metrics(text).durations.detected.minutes, 230);
  });

  it('a timeline with no zone is read in the front matter\'s own clock', () => {
    const text = '---\nincident:\n  started: 2024-05-02T10:00:00+02:00\n---\n## Timeline\n\n- 2024-05-02 10:25 [detected] alert\n';
    assert.equal(metrics(text).durations.detected.minutes, 25);
  });

  it('without a timeline or a start, front-matter moments are unknown but stated ones are not', () => {
    const m = metrics('# Post-mortem\n\n---\n\nTTR: 2 hours\n');
    assert.equal(m.start, undefined);
    assert.deepEqual(summary(m), { detected: 'unknown', acknowledged: 'unknown', mitigated: 'unknown', resolved: '120 stated' });
    const front = metrics('---\nincident:\n  detected: 2024-01-01T10:00:00Z\n---\n# Post-mortem\n');
    assert.equal(front.durations.detected.fact, undefined);
  });

  it('is computed once per model and tag words', () => {
    const c = config();
    const model = buildPostmortemModel({ path: 'postmortems/x.md', text: KIAM }, c);
    assert.equal(incidentMetrics(model, c), incidentMetrics(model, c));
    const other = config({ metricTags: { detected: ['seen'] } });
    assert.notEqual(incidentMetrics(model, other), incidentMetrics(model, c));
  });
  it('front matter that is no incident times gives none, and never throws', () => {
    const cases = [
      '---\nincident: [1, 2]\n---\n# Post-mortem\n',
      '---\nincident:\n  started: 12\n  detected: {a: 1}\n  resolved: [x]\n---\n# Post-mortem\n',
      '---\nincident:\n  started: 2020-02-30T10:00:00Z\n  detected: 2020-01-01T25:00:00Z\n---\n# Post-mortem\n',
      `---\nincident:\n  started: "${'2020-01-01T10:00:00Z '.repeat(5000)}"\n---\n# Post-mortem\n`,
      '---\nincident: {started: 2020-01-01T10:00:00Z\n---\n# Post-mortem\n',
    ];
    for (const text of cases) assert.equal(metrics(text).facts.length, 0, text.slice(0, 60));
  });
  it('an alias in the front matter counts as its value; its place is the front matter', () => {
    const text = '---\nat: &t 2020-01-01T10:00:00Z\nincident:\n  started: *t\n---\n## Timeline\n\nAll times in UTC.\n\n- 2020-01-01 10:05 [detected] a\n';
    const m = metrics(text);
    assert.equal(m.durations.detected.minutes, 5);
    assert.deepEqual(m.start?.span, { start: 0, end: text.indexOf('---\n## Timeline') + 3 });
  });
});

/**
 * core/report: the record of a post-mortem, checked against values worked out by hand from the
 * generated post-mortems' facts and from reading the corpus files.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, lintAnalysis } from '../../../server/src/core/lint';
import { cutText } from '../../../server/src/core/report/cut';
import { dateTime, MAX_FIELD_CHARS } from '../../../server/src/core/report/facts';
import { compareRecords, incidentRecord, inPeriod, type IncidentRecord } from '../../../server/src/core/report/record';
import { MAX_TICKETS } from '../../../server/src/core/report/tickets';
import { postmortemText, type IncidentSpec } from '../../helpers/incidents';
import { config, NOW } from '../../helpers/lint';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'postmortems');
const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'postmortems');

function recordOf(text: string, path = 'postmortems/incident.md', values: Record<string, unknown> = {}): IncidentRecord {
  const analysis = analyze({ path, text }, config(values), { now: NOW, kind: 'postmortem' });
  const record = incidentRecord(path, analysis, lintAnalysis(analysis, { now: NOW, kind: 'postmortem' }));
  assert.ok(record, 'a post-mortem has a record');
  return record;
}

function fixtureRecord(name: string): IncidentRecord {
  const path = join(FIXTURES, name);
  const analysis = analyze({ path, text: readFileSync(path, 'utf8') }, config(), { now: NOW });
  const record = incidentRecord(name, analysis, lintAnalysis(analysis, { now: NOW }));
  assert.ok(record, `${name} is read as a post-mortem`);
  return record;
}

const gateway: IncidentSpec = {
  title: 'Gateway down',
  date: '2026-03-02',
  severity: 'SEV1',
  status: 'published',
  incident: {
    started: '2026-03-02T10:00:00Z',
    detected: '2026-03-02T10:07:00Z',
    acknowledged: '2026-03-02T10:12:00Z',
    mitigated: '2026-03-02T11:00:00Z',
    resolved: '2026-03-02T12:30:00Z',
  },
  impact: 'Requests failed from 10:00 to 12:30 UTC.',
  timeline: [
    ['10:00', 'Deploy starts, errors rise'],
    ['10:07', 'Alert fires'],
    ['12:30', 'Errors back to normal, resolved'],
  ],
  actionItems: [{ text: 'Add a canary', ticket: 'OPS-12', done: true }, { text: 'Alert on 5xx', ticket: 'OPS-13' }, { text: 'Write a runbook' }],
};

describe('report record of a generated post-mortem', () => {
  it('has every field, worked out from the facts it was written from', () => {
    assert.deepEqual(recordOf(postmortemText(gateway)), {
      file: 'postmortems/incident.md',
      title: 'Gateway down',
      date: '2026-03-02',
      severity: 'SEV1',
      status: 'published',
      durationMinutes: 150, // 10:00 to 12:30
      ttdMinutes: 7,
      ttaMinutes: 12,
      ttmMinutes: 60,
      ttrMinutes: 150,
      actionItems: 3,
      actionItemsOpen: 2, // the canary is done
      actionItemsWithoutTicket: 1, // the runbook
      findings: { error: 0, warning: 1, info: 0, hint: 0 }, // pm/action-item-ticket on the runbook
      tickets: ['OPS-12', 'OPS-13'],
    });
  });

  it('without a window, the duration runs from incident.started to incident.resolved, across midnight and zones', () => {
    const record = recordOf(
      postmortemText({
        title: 'Night outage',
        incident: { started: '2026-03-02T23:30:00+01:00', detected: '2026-03-02T22:40:00Z', resolved: "'2026-03-03 01:15+01:00'" },
      }),
    );
    assert.equal(record.durationMinutes, 105);
    assert.equal(record.ttdMinutes, 10); // 23:30+01:00 is 22:30Z
    assert.equal(record.ttrMinutes, 105);
    assert.equal(record.ttaMinutes, null);
    assert.equal(record.ttmMinutes, null);
    assert.equal(record.date, '2026-03-02', 'the day incident.started is written with, not its UTC day');
  });

  it('a time before the start is a contradiction, not a negative duration', () => {
    const record = recordOf(postmortemText({ title: 'Odd', incident: { started: '2026-03-02T10:00:00Z', detected: '2026-03-02T09:00:00Z', resolved: 'soon' } }));
    assert.equal(record.ttdMinutes, null);
    assert.equal(record.ttrMinutes, null, 'not a date-time');
  });

  it('Impact windows: their union, across midnight, on their own dates', () => {
    const duration = (impact: string) => recordOf(postmortemText({ title: 'Windows', impact })).durationMinutes;
    assert.equal(duration('Errors from 10:00 to 11:00, and slow pages from 10:30 to 12:00.'), 120);
    assert.equal(duration('Errors from 10:00 to 10:30; again from 11:00 to 11:15.'), 45);
    assert.equal(duration('Down from 23:30 to 00:45.'), 75);
    assert.equal(duration('Down from 2026-03-01 23:00 to 2026-03-02 01:00.'), 120);
    assert.equal(duration('Some requests failed.'), null);
  });

  it('the date: front matter, else incident.started, else the first timeline entry with a year, else the file name', () => {
    const dated = (spec: Partial<IncidentSpec>, path?: string) => recordOf(postmortemText({ title: 'Dates', ...spec }), path).date;
    assert.equal(dated({ date: '2026-04-05', incident: { started: '2026-04-04T10:00:00Z' } }), '2026-04-05');
    assert.equal(dated({ incident: { started: '2026-04-04T10:00:00Z' } }), '2026-04-04');
    assert.equal(dated({ timeline: [['2026-02-01 10:00', 'Starts']] }, 'postmortems/2025-01-01-x.md'), '2026-02-01');
    assert.equal(dated({}, 'postmortems/2025-01-01-x.md'), '2025-01-01');
    assert.equal(dated({}, 'postmortems/2025-02-30-x.md'), null, 'a day that does not exist');
    assert.equal(dated({ date: 'last week' }), null);
  });

  it('severity as written (a number too); lists and maps are not severities', () => {
    assert.equal(recordOf(postmortemText({ title: 'x', frontMatter: 'severity: 2' })).severity, '2');
    assert.equal(recordOf(postmortemText({ title: 'x', frontMatter: 'severity: [1, 2]' })).severity, null);
    assert.equal(recordOf(postmortemText({ title: 'x', frontMatter: 'status: {a: 1}' })).status, null);
  });

  it('template placeholders are not action items; done marks close them', () => {
    const record = recordOf(
      postmortemText({
        title: 'Items',
        actionItems: [{ text: '{{ action item }}' }, { text: '✅ Rotate the key (OPS-1)' }, { text: 'Add alerting (OPS-2)' }],
      }),
    );
    assert.deepEqual([record.actionItems, record.actionItemsOpen, record.actionItemsWithoutTicket], [2, 1, 0]);
  });

  it('tickets: front matter first, each once; a link and its own text are one ticket; at most MAX_TICKETS', () => {
    const text = postmortemText({ title: 'Tickets', tickets: ['OPS-2', 'INC-7'], actionItems: [{ text: 'Fix it', ticket: 'OPS-2' }, { text: 'Test it', ticket: 'OPS-3' }] });
    assert.deepEqual(recordOf(text).tickets, ['OPS-2', 'INC-7', 'OPS-3']);
    const linked = postmortemText({ title: 'Links' }).replace(
      '## Action Items\n\nNone.',
      '## Action Items\n\n- Fix the gateway ([#42](https://github.com/acme/api/issues/42)) and #420',
    );
    assert.deepEqual(recordOf(linked).tickets, ['#420', 'https://github.com/acme/api/issues/42']);
    const many = recordOf(postmortemText({ title: 'Many', actionItems: Array.from({ length: 150 }, (_, i) => ({ text: `Item ${i}`, ticket: `OPS-${i}` })) }));
    assert.equal(many.tickets.length, MAX_TICKETS);
    assert.equal(many.tickets[0], 'OPS-0');
  });

  it('hostile action items: 8,000 linked references in one item, 2,000 items sharing one paragraph', { timeout: 60_000 }, () => {
    const links = Array.from({ length: 8_000 }, (_, i) => `[#${i}](https://github.com/o/r/issues/${i})`).join(' ');
    const paragraph = `Tracked in ${'words and more words '.repeat(2_000)}`;
    const items = Array.from({ length: 2_000 }, (_, i) => `- Item ${i} to do`).join('\n');
    const text = postmortemText({ title: 'Hostile' }).replace('## Action Items\n\nNone.', `## Action Items\n\n- One item ${links}\n\n${paragraph}\n\n${items}\n`);
    const record = recordOf(text);
    assert.equal(record.actionItems, 2_001);
    assert.equal(record.tickets.length, MAX_TICKETS);
    assert.equal(record.tickets[0], 'https://github.com/o/r/issues/0', 'each #n is its own link');
    assert.equal(record.actionItemsWithoutTicket, 2_000);
  });

  it('text from the repository: one line, control characters escaped, cut at MAX_FIELD_CHARS', () => {
    const record = recordOf(postmortemText({ title: `Bad\u001b[31m\u202Etitle ${'x'.repeat(400)}`, severity: 'SEV\n1' }));
    assert.ok(record.title!.startsWith('Bad\\x1B[31m\\u202Etitle xx'), record.title!);
    assert.equal(record.title!.length, MAX_FIELD_CHARS);
    assert.ok(record.title!.endsWith('…'));
    assert.equal(record.severity, 'SEV 1');
  });
});

describe('report record of real post-mortems (read by hand)', () => {
  it('kubernetes 2019-02-08: two Impact windows overlap (1:46pm-5:30pm, 4:06pm-5:30pm): 224 minutes; the date from the file name', () => {
    const r = fixtureRecord('kubernetes__test-infra__docs-post-mortems-2019-02-08.md');
    assert.deepEqual(
      [r.title, r.date, r.durationMinutes, r.actionItems, r.actionItemsOpen, r.actionItemsWithoutTicket, r.tickets],
      ['February 8th, 2019 - Prow responding slow & Partial outage', '2019-02-08', 224, 1, 1, 1, []],
    );
  });

  it('kubernetes 2019-03-26: Impact 2019-02-25 23:04 to 2019-02-26 08:12 (548 minutes, the wrong month but the right length); three linked issues', () => {
    const r = fixtureRecord('kubernetes__test-infra__docs-post-mortems-2019-03-26.md');
    assert.deepEqual([r.date, r.durationMinutes, r.actionItems, r.actionItemsOpen, r.actionItemsWithoutTicket], ['2019-03-26', 548, 3, 3, 0]);
    assert.deepEqual(r.tickets, [
      'https://github.com/kubernetes/test-infra/issues/11956',
      'https://github.com/kubernetes/test-infra/issues/11957',
      'https://github.com/kubernetes/test-infra/issues/11953',
    ]);
  });

  it('PostHog flags: the lead paragraph\'s window 16:58 to 18:46 (108 minutes); Remediation: 2 done, 4 under a linked heading, 3 without a ticket', () => {
    const r = fixtureRecord('PostHog__post-mortems__2025-09-29-flags-is-down.md');
    assert.deepEqual([r.date, r.durationMinutes, r.actionItems, r.actionItemsOpen, r.actionItemsWithoutTicket], ['2025-09-29', 108, 9, 7, 3]);
    assert.deepEqual(r.tickets, ['https://github.com/PostHog/posthog/issues/39133']);
  });

  it('PostHog decide: no heading, so no title; "from 15:30 to 18:10 UTC" is 160 minutes (it says "about 3 hours")', () => {
    const r = fixtureRecord('PostHog__post-mortems__investigations-2024-02-28-decide-is-down.md');
    assert.deepEqual([r.title, r.date, r.durationMinutes, r.actionItems], [null, '2024-02-28', 160, 0]);
  });

  it('dfds KIAM: the date of the first timeline row; TTD 54 and TTR 148 minutes as the authors state them, three untracked items', () => {
    const r = fixtureRecord('dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md');
    assert.deepEqual(
      [r.title, r.date, r.durationMinutes, r.ttdMinutes, r.ttrMinutes, r.actionItems, r.actionItemsOpen, r.actionItemsWithoutTicket, r.tickets],
      ['KIAM Service disruption', '2020-01-21', null, 54, 148, 3, 3, 3, []],
    );
  });

  it('dfds ADSync: every year is 20202, so no date', () => {
    assert.equal(fixtureRecord('dfds__postmortems__PM2020-003_Postmortem-for-ADSync-migration.md').date, null);
  });

  it('mybinder hub-403: the first timeline heading "Sep 27 2017 13:06"; five items, each with its issue', () => {
    const r = fixtureRecord('jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2017-09-27-hub-403.md');
    assert.deepEqual([r.title, r.date, r.actionItems, r.actionItemsWithoutTicket], ['2017-09-27, Hub 403', '2017-09-27', 5, 0]);
    assert.deepEqual(r.tickets, [
      'https://github.com/jupyterhub/binderhub/issues/131',
      'https://github.com/jupyterhub/mybinder.org-deploy/issues/10',
      'https://github.com/jupyterhub/mybinder.org-deploy/issues/11',
      'https://github.com/jupyterhub/mybinder.org-deploy/issues/8',
      'https://github.com/jupyterhub/binderhub/issues/137',
    ]);
  });

  it('mybinder ssl-outdated: the timeline\'s 2018-01-11, not the file name\'s 2018-01-18', () => {
    assert.equal(fixtureRecord('jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2018-01-18-ssl-outdated.md').date, '2018-01-11');
  });

  it('the seed: "~4 hours (12:21pm to 16:04pm)" is 223 minutes; a Jira key and its link are one ticket', () => {
    const r = fixtureRecord('3scale-cert-expiry-postmortem.md');
    assert.equal(r.durationMinutes, 223);
    assert.deepEqual(r.tickets.slice(0, 2), ['https://projects.engineering.redhat.com/browse/RHCLOUD-8613', 'https://projects.engineering.redhat.com/browse/RHCLOUD-8669']);
  });
});

describe('report record agrees with the linter', () => {
  const files = [
    ...readdirSync(FIXTURES).filter((f) => f.endsWith('.md') && f !== 'LICENSE-NOTES.md').map((f) => join(FIXTURES, f)),
    ...(existsSync(CORPUS) ? readdirSync(CORPUS).map((f) => join(CORPUS, f)) : []),
  ];
  for (const path of files) {
    it(path.split('/').pop()!, () => {
      const analysis = analyze({ path, text: readFileSync(path, 'utf8') }, config(), { now: NOW, kind: 'postmortem' });
      const findings = lintAnalysis(analysis, { now: NOW, kind: 'postmortem' });
      const record = incidentRecord('x.md', analysis, findings)!;
      const untracked = findings.filter((f) => f.rule === 'pm/action-item-ticket').length;
      assert.equal(record.actionItemsWithoutTicket, untracked, 'open items without a ticket = pm/action-item-ticket findings');
      for (const severity of ['error', 'warning', 'info', 'hint'] as const) {
        assert.equal(record.findings[severity], findings.filter((f) => f.severity === severity).length, severity);
      }
      assert.ok(record.actionItemsOpen <= record.actionItems && record.actionItemsWithoutTicket <= record.actionItemsOpen);
    });
  }
});

describe('dates and periods', () => {
  it('dateTime reads ISO 8601 date-times, with or without a zone, and refuses impossible ones', () => {
    assert.equal(dateTime('2026-03-02T10:00:00Z'), Date.UTC(2026, 2, 2, 10));
    assert.equal(dateTime('2026-03-02 10:00'), Date.UTC(2026, 2, 2, 10));
    assert.equal(dateTime('2026-03-02T10:00:00.250-05:30'), Date.UTC(2026, 2, 2, 15, 30));
    assert.equal(dateTime('2026-03-02'), Date.UTC(2026, 2, 2));
    assert.equal(dateTime(new Date(Date.UTC(2026, 0, 1))), Date.UTC(2026, 0, 1));
    for (const bad of ['2026-02-30T10:00Z', '2026-03-02T25:00Z', 'tomorrow', '2026-03-02T10:00Z extra', 5, null, 'x'.repeat(1000)]) {
      assert.equal(dateTime(bad), undefined, String(bad).slice(0, 30));
    }
  });

  it('inPeriod: inclusive bounds; undated records only without a period', () => {
    const r = (date: string | null) => ({ date }) as IncidentRecord;
    assert.equal(inPeriod(r('2026-01-01'), { since: '2026-01-01', until: '2026-01-31' }), true);
    assert.equal(inPeriod(r('2026-01-31'), { since: '2026-01-01', until: '2026-01-31' }), true);
    assert.equal(inPeriod(r('2025-12-31'), { since: '2026-01-01' }), false);
    assert.equal(inPeriod(r('2026-02-01'), { until: '2026-01-31' }), false);
    assert.equal(inPeriod(r(null), {}), true);
    assert.equal(inPeriod(r(null), { since: '2026-01-01' }), false);
  });

  it('records sort newest first, undated last, then by file', () => {
    const r = (file: string, date: string | null) => ({ file, date }) as IncidentRecord;
    const sorted = [r('b', null), r('a', '2026-01-01'), r('c', '2026-02-01'), r('a', null), r('b', '2026-01-01')].sort(compareRecords);
    assert.deepEqual(sorted.map((x) => `${x.file}${x.date ?? ''}`), ['c2026-02-01', 'a2026-01-01', 'b2026-01-01', 'a', 'b']);
  });
});

describe('cutText', () => {
  it('cuts with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(cutText('abcdef', 6), 'abcdef');
    assert.equal(cutText('abcdefg', 6), 'abcde…');
    assert.equal(cutText('abcd😀xyz', 6), 'abcd…', 'the emoji would be split: it goes');
    assert.equal(cutText('abc😀xyz', 6), 'abc😀…');
  });
});

/** pm/review-overdue: a draft or in-review post-mortem past its severity's days, counted to the given "now". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const RULE = 'pm/review-overdue';

function pm(fields: string): string {
  return `---\ntitle: Gateway outage\n${fields}\n---\n# Post-mortem: Gateway outage\n`;
}

function overdue(text: string, values: Record<string, unknown> = {}, now?: string) {
  return byRule(lintPostmortem(text, values, now ? { now: new Date(now) } : {}), RULE).map((f) => ({
    at: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
    covered: covered(text, f),
    message: f.message,
    related: f.related?.map((r) => `${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`),
  }));
}

describe('pm/review-overdue', () => {
  const resolved = pm('status: draft\nseverity: SEV1\nincident:\n  resolved: 2026-03-02T10:00:00Z');

  it('SEV1 is due 3 days after incident.resolved: reported at the status, the resolved time related', () => {
    assert.deepEqual(overdue(resolved, {}, '2026-03-05T10:00:01Z'), [
      {
        at: '3:9',
        covered: 'draft',
        message: 'Still “draft” 3 days after the incident was resolved; SEV1 post-mortems are due for review within 3 days.',
        related: ['6:13 Counted from here (2026-03-02).'],
      },
    ]);
  });

  it('not before the days have passed (to the second)', () => {
    assert.deepEqual(overdue(resolved, {}, '2026-03-05T10:00:00Z'), []);
    assert.deepEqual(overdue(resolved, {}, '2026-03-02T09:00:00Z'), [], 'now before the incident');
  });

  it('SEV2 is due after 5 days; counted from `date` when nothing says when it was resolved', () => {
    const text = pm('date: 2026-03-02\nstatus: in-review\nseverity: SEV2');
    assert.deepEqual(overdue(text, {}, '2026-03-07T00:00:00Z'), []);
    assert.deepEqual(overdue(text, {}, '2026-03-09T12:00:00Z'), [
      {
        at: '4:9',
        covered: 'in-review',
        message: 'Still “in-review” 7 days after the incident’s date; SEV2 post-mortems are due for review within 5 days.',
        related: ['3:7 Counted from here (2026-03-02).'],
      },
    ]);
  });

  it('reviewed or published, a severity without days, or no date: never overdue', () => {
    const now = '2030-01-01T00:00:00Z';
    assert.deepEqual(overdue(pm('date: 2026-03-02\nstatus: published\nseverity: SEV1'), {}, now), []);
    assert.deepEqual(overdue(pm('date: 2026-03-02\nstatus: reviewed\nseverity: SEV1'), {}, now), []);
    assert.deepEqual(overdue(pm('date: 2026-03-02\nstatus: draft\nseverity: SEV3'), {}, now), []);
    assert.deepEqual(overdue(pm('status: draft\nseverity: SEV1'), {}, now), []);
    assert.deepEqual(overdue(pm('date: sometime\nstatus: draft\nseverity: SEV1'), {}, now), []);
    assert.deepEqual(overdue(pm('date: 2026-03-02\nseverity: SEV1'), {}, now), []);
  });

  it('reviewOverdueDays sets the days per severity (a whole mapping: SEV1 is then not listed)', () => {
    const text = pm('date: 2026-03-02\nstatus: draft\nseverity: SEV3');
    const values = { reviewOverdueDays: { SEV3: 10 } };
    assert.deepEqual(overdue(text, values, '2026-03-11T00:00:00Z'), []);
    assert.equal(overdue(text, values, '2026-03-13T00:00:01Z').length, 1);
    assert.deepEqual(overdue(pm('date: 2026-03-02\nstatus: draft\nseverity: SEV1'), values, '2030-01-01T00:00:00Z'), []);
  });

  it('a status or severity in another case still counts (pm/front-matter suggests the spelling)', () => {
    const text = pm('date: 2026-03-02\nstatus: Draft\nseverity: sev1');
    const findings = overdue(text, {}, '2026-03-10T00:00:00Z');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].message, 'Still “Draft” 8 days after the incident’s date; sev1 post-mortems are due for review within 3 days.');
  });

  it('a resolved time with a zone is counted in UTC; a date with a time (the seed’s form) counts from that day', () => {
    assert.equal(overdue(pm('status: draft\nseverity: SEV1\nincident:\n  resolved: 2026-03-02T23:00:00-05:00'), {}, '2026-03-06T03:59:00Z').length, 0);
    assert.equal(overdue(pm('status: draft\nseverity: SEV1\nincident:\n  resolved: 2026-03-02T23:00:00-05:00'), {}, '2026-03-06T04:01:00Z').length, 1);
    assert.equal(overdue(pm('date: 2020-08-18 18:03:33.807000\nstatus: draft\nseverity: SEV1'), {}, '2020-08-21T18:03:34Z').length, 1);
  });

  it('"now" is the caller’s: with the tests’ fixed now (2026-11-27) a March draft is overdue, with a later date not', () => {
    assert.equal(overdue(pm('date: 2026-03-02\nstatus: draft\nseverity: SEV1')).length, 1);
    assert.equal(overdue(pm('date: 2026-11-26\nstatus: draft\nseverity: SEV1')).length, 0);
  });
});

/**
 * The report's charts: the data each one is drawn from (worked out by hand from a few records),
 * and each drawn as SVG by vega without a warning.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, MOST_FINDINGS, reportCharts, type ChartSpec } from '../../../server/src/core/report/charts/specs';
import { renderSvg } from '../../../server/src/core/report/charts/render';
import type { IncidentRecord } from '../../../server/src/core/report/record';

const NOW = new Date('2026-11-27T12:00:00Z');

function record(overrides: Partial<IncidentRecord>): IncidentRecord {
  return {
    file: 'a.md',
    title: null,
    date: null,
    severity: null,
    status: null,
    durationMinutes: null,
    ttdMinutes: null,
    ttaMinutes: null,
    ttmMinutes: null,
    ttrMinutes: null,
    actionItems: 0,
    actionItemsOpen: 0,
    actionItemsWithoutTicket: 0,
    findings: { error: 0, warning: 0, info: 0, hint: 0 },
    tickets: [],
    ...overrides,
  };
}

const RECORDS = [
  record({ file: 'a.md', title: 'A', date: '2026-11-20', severity: 'SEV2', ttdMinutes: 10, ttrMinutes: 100, actionItems: 3, actionItemsOpen: 2, findings: { error: 1, warning: 2, info: 0, hint: 0 } }),
  record({ file: 'b.md', title: 'B', date: '2026-11-02', severity: 'SEV1', ttdMinutes: 30, actionItems: 1, actionItemsOpen: 1, findings: { error: 0, warning: 1, info: 0, hint: 0 } }),
  record({ file: 'c.md', title: 'C', date: '2026-06-15', severity: 'SEV2', ttrMinutes: 300, actionItems: 4, actionItemsOpen: 1 }),
  record({ file: 'd.md', title: 'D', date: '2025-01-10', ttdMinutes: 20, ttrMinutes: 200, actionItems: 2, actionItemsOpen: 0, findings: { error: 0, warning: 0, info: 5, hint: 0 } }),
  record({ file: 'e.md', actionItems: 5, actionItemsOpen: 5, findings: { error: 0, warning: 3, info: 0, hint: 0 } }),
];

const values = (chart: ChartSpec, layer = 0): Record<string, unknown>[] => {
  const spec = chart.spec as { data?: { values: Record<string, unknown>[] }; layer?: { data: { values: Record<string, unknown>[] } }[] };
  return (spec.layer ? spec.layer[layer].data.values : spec.data!.values).map((v) => ({ ...v }));
};

describe('report charts: their data', () => {
  const [perMonth, ttdTtr, actionItems, mostFindings] = reportCharts(RECORDS, NOW);

  it('incidents per month by severity: dated records counted per month; "not stated" last', () => {
    assert.deepEqual(
      values(perMonth).map(({ month, severity, count }) => `${month} ${severity} ${count}`).sort(),
      ['2025-01-01 not stated 1', '2026-06-01 SEV2 1', '2026-11-01 SEV1 1', '2026-11-01 SEV2 1'],
    );
    assert.match(perMonth.caption!, /^1 post-mortem without a date is not counted/);
  });

  it('TTD and TTR: one point per known value of a dated record, and the medians', () => {
    assert.deepEqual(values(ttdTtr, 0).map(({ date, measure, minutes }) => `${date} ${measure} ${minutes}`), [
      '2026-11-20 TTD 10',
      '2026-11-20 TTR 100',
      '2026-11-02 TTD 30',
      '2026-06-15 TTR 300',
      '2025-01-10 TTD 20',
      '2025-01-10 TTR 200',
    ]);
    assert.deepEqual(values(ttdTtr, 1), [
      { measure: 'TTD', minutes: 20 },
      { measure: 'TTR', minutes: 200 },
    ]);
    assert.match(ttdTtr.caption!, /TTD 20 min, TTR 3 h 20 min/);
  });

  it('action items by age on --now: 7 and 25 days, 165 days, 686 days, no date', () => {
    assert.deepEqual(values(actionItems).map(({ age, state, items }) => `${age} ${state} ${items}`), [
      'under 30 days open 3',
      'under 30 days closed 1',
      '90–180 days open 1',
      '90–180 days closed 3',
      'over a year open 0',
      'over a year closed 2',
      'no date open 5',
      'no date closed 0',
    ]);
  });

  it('the most findings: ranked, titles else files, stacked by severity', () => {
    assert.deepEqual(values(mostFindings).map(({ post, severity, findings }) => `${post} ${severity} ${findings}`), [
      '1. D info 5',
      '2. A error 1',
      '2. A warning 2',
      '3. e.md warning 3',
      '4. B warning 1',
    ]);
  });

  it(`at most ${MOST_FINDINGS} post-mortems in the findings chart; same titles stay apart`, () => {
    const many = Array.from({ length: 25 }, (_, i) => record({ file: `${i}.md`, title: 'Same', findings: { error: 0, warning: i + 1, info: 0, hint: 0 } }));
    const posts = new Set(values(reportCharts(many, NOW)[3]).map((v) => v.post));
    assert.equal(posts.size, MOST_FINDINGS);
    assert.ok(posts.has('1. Same') && posts.has('10. Same'));
  });

  it('a chart without data is not drawn and says why', () => {
    const charts = reportCharts([record({ file: 'x.md' })], NOW);
    assert.deepEqual(
      charts.map((c) => [c.id, c.spec === undefined, c.empty]),
      [
        ['per-month', true, 'No post-mortem has a date.'],
        ['ttd-ttr', true, 'No dated post-mortem states when the incident was detected or resolved.'],
        ['action-items', true, 'No post-mortem lists action items.'],
        ['most-findings', true, 'No post-mortem has findings.'],
      ],
    );
  });

  it('more than a dozen severities: the rarest are counted together as "other"', () => {
    const many = Array.from({ length: 30 }, (_, i) => record({ file: `${i}.md`, date: '2026-01-05', severity: `S${i % 15}` }));
    const severities = new Set(values(reportCharts(many, NOW)[0]).map((v) => v.severity));
    assert.equal(severities.size, 12);
    assert.ok(severities.has('other'));
  });

  it('median', () => {
    assert.equal(median([]), undefined);
    assert.equal(median([5]), 5);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

describe('report charts: drawn', () => {
  it('every chart becomes an SVG with marks, and vega has nothing to warn about', async () => {
    for (const chart of reportCharts(RECORDS, NOW)) {
      const warnings: string[] = [];
      const svg = await renderSvg(chart.spec!, warnings);
      assert.match(svg, /^<svg [^>]*class="marks"/, chart.id);
      assert.match(svg, /role-mark/, `${chart.id} has marks`);
      assert.deepEqual(warnings, [], chart.id);
    }
  });

  it('text in a chart is escaped: a severity or title from a repository stays text', async () => {
    const hostile = '<script>alert(1)</script>"&\'';
    const charts = reportCharts([record({ date: '2026-01-02', severity: hostile, title: hostile, findings: { error: 1, warning: 0, info: 0, hint: 0 } })], NOW);
    for (const chart of [charts[0], charts[3]]) {
      const svg = await renderSvg(chart.spec!);
      assert.doesNotMatch(svg, /<script/i, chart.id);
      assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, chart.id);
    }
  });
});

/**
 * The report's charts as Vega-Lite specifications, from the records alone. Data is aggregated
 * here (a count per month, not 5,000 rows) so rendering stays fast; dates are UTC throughout, so
 * the machine's time zone never moves an incident to another month. A chart without data is
 * not drawn: the page says why instead.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatDuration } from '../../postmortem/time';
import { DAY_MS } from '../../units';
import { cutText } from '../cut';
import { SEVERITIES, type IncidentRecord } from '../record';

export interface ChartSpec {
  id: 'per-month' | 'ttd-ttr' | 'action-items' | 'most-findings';
  title: string;
  /** Absent when there is nothing to draw; `empty` says why. */
  spec?: TopLevelSpec;
  empty?: string;
  /** A sentence under the chart (medians, what counts). */
  caption?: string;
}

const WIDTH = 560;
const UNKNOWN_SEVERITY = 'not stated';
const OTHER_SEVERITY = 'other';
/** Severities a legend shows; the rarer ones are counted together (a repository may write any value). */
const MAX_SEVERITIES = 12;
/** How many post-mortems the findings chart shows. */
export const MOST_FINDINGS = 10;
const LABEL_CHARS = 48;

const BASE = {
  width: WIDTH,
  background: 'white',
  padding: 8,
  config: { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12 }, view: { stroke: null } },
} as const;

export function reportCharts(records: readonly IncidentRecord[], now: Date): ChartSpec[] {
  return [perMonth(records), timeToDetectAndResolve(records), actionItemsByAge(records, now), mostFindings(records)];
}

function perMonth(records: readonly IncidentRecord[]): ChartSpec {
  const shown = commonSeverities(records);
  const counts = new Map<string, number>();
  for (const r of records) {
    if (!r.date) continue;
    const severity = r.severity ?? UNKNOWN_SEVERITY;
    const key = `${r.date.slice(0, 7)}-01\u0000${shown.has(severity) ? severity : OTHER_SEVERITY}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const chart: ChartSpec = { id: 'per-month', title: 'Incidents per month, by severity' };
  if (counts.size === 0) return { ...chart, empty: 'No post-mortem has a date.' };
  const entries = [...counts].map(([key, count]) => {
    const [month, severity] = key.split('\u0000');
    return { month, severity, count };
  });
  const severities = [...new Set(entries.map((v) => v.severity))].sort(severityOrder);
  // The stack follows the legend: SEV1 at the bottom.
  const values = entries.map((v) => ({ ...v, rank: severities.indexOf(v.severity) }));
  const undated = records.filter((r) => !r.date).length;
  return {
    ...chart,
    caption: undated ? `${plural(undated, 'post-mortem')} without a date ${undated === 1 ? 'is' : 'are'} not counted.` : undefined,
    spec: {
      ...BASE,
      height: 220,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'month', axis: { format: '%b %Y', labelAngle: -40 } },
        y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: 'incidents', axis: { tickMinStep: 1 } },
        color: { field: 'severity', type: 'nominal', title: 'severity', scale: { domain: severities, range: severityColors(severities) } },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
  };
}

function timeToDetectAndResolve(records: readonly IncidentRecord[]): ChartSpec {
  const values: { date: string; measure: string; minutes: number; file: string }[] = [];
  for (const r of records) {
    if (!r.date) continue;
    if (r.ttdMinutes !== null) values.push({ date: r.date, measure: 'TTD', minutes: r.ttdMinutes, file: r.file });
    if (r.ttrMinutes !== null) values.push({ date: r.date, measure: 'TTR', minutes: r.ttrMinutes, file: r.file });
  }
  const chart: ChartSpec = { id: 'ttd-ttr', title: 'Time to detect and to resolve, per incident' };
  if (values.length === 0) return { ...chart, empty: 'No dated post-mortem states when the incident was detected or resolved.' };
  const ttd = median(values.filter((v) => v.measure === 'TTD').map((v) => v.minutes));
  const ttr = median(values.filter((v) => v.measure === 'TTR').map((v) => v.minutes));
  const medians = [
    ...(ttd === undefined ? [] : [{ measure: 'TTD', minutes: ttd }]),
    ...(ttr === undefined ? [] : [{ measure: 'TTR', minutes: ttr }]),
  ];
  const color = { field: 'measure', type: 'nominal', title: null, scale: { domain: ['TTD', 'TTR'], range: ['#e45756', '#4c78a8'] } } as const;
  return {
    ...chart,
    caption: `Minutes from the start of the incident. Dashed lines: medians (${medians.map((m) => `${m.measure} ${formatDuration(m.minutes)}`).join(', ')}).`,
    spec: {
      ...BASE,
      height: 240,
      layer: [
        {
          data: { values },
          // One point per incident: thousands of them would each carry an aria-label (3 MB for 5,000); the figure has one.
          mark: { type: 'line', point: { size: 30, aria: false }, strokeWidth: 1, interpolate: 'linear', aria: false },
          encoding: {
            x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'incident date', axis: { format: '%b %Y', labelAngle: -40 } },
            y: { field: 'minutes', type: 'quantitative', title: 'minutes' },
            color,
          },
        },
        {
          data: { values: medians },
          mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2 },
          encoding: { y: { field: 'minutes', type: 'quantitative' }, color },
        },
      ],
    },
  };
}

const AGE_BUCKETS: { label: string; maxDays: number }[] = [
  { label: 'under 30 days', maxDays: 30 },
  { label: '30–90 days', maxDays: 90 },
  { label: '90–180 days', maxDays: 180 },
  { label: '180–365 days', maxDays: 365 },
  { label: 'over a year', maxDays: Infinity },
];
const UNDATED_BUCKET = 'no date';

/** Action items by the age of their post-mortem (the day the incident happened), open and closed. */
function actionItemsByAge(records: readonly IncidentRecord[], now: Date): ChartSpec {
  const sums = new Map<string, { open: number; closed: number }>();
  for (const r of records) {
    if (r.actionItems === 0) continue;
    const bucket = r.date ? ageBucket((now.getTime() - Date.parse(`${r.date}T00:00:00Z`)) / DAY_MS) : UNDATED_BUCKET;
    const sum = sums.get(bucket) ?? { open: 0, closed: 0 };
    sum.open += r.actionItemsOpen;
    sum.closed += r.actionItems - r.actionItemsOpen;
    sums.set(bucket, sum);
  }
  const chart: ChartSpec = { id: 'action-items', title: 'Action items, open and closed, by age of the post-mortem' };
  if (sums.size === 0) return { ...chart, empty: 'No post-mortem lists action items.' };
  const order = [...AGE_BUCKETS.map((b) => b.label), UNDATED_BUCKET].filter((b) => sums.has(b));
  const values = order.flatMap((age) => [
    { age, state: 'open', items: sums.get(age)!.open, rank: 0 },
    { age, state: 'closed', items: sums.get(age)!.closed, rank: 1 },
  ]);
  return {
    ...chart,
    caption: `Age on ${now.toISOString().slice(0, 10)}, from the incident's date. Closed: marked done in the post-mortem.`,
    spec: {
      ...BASE,
      height: 220,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'age', type: 'ordinal', title: 'age of the post-mortem', sort: order, axis: { labelAngle: 0 } },
        y: { field: 'items', type: 'quantitative', title: 'action items', axis: { tickMinStep: 1 } },
        color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['open', 'closed'], range: ['#f58518', '#54a24b'] } },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
  };
}

function mostFindings(records: readonly IncidentRecord[]): ChartSpec {
  const total = (r: IncidentRecord) => SEVERITIES.reduce((n, s) => n + r.findings[s], 0);
  const top = records
    .filter((r) => total(r) > 0)
    .sort((a, b) => total(b) - total(a) || (a.file < b.file ? -1 : 1))
    .slice(0, MOST_FINDINGS);
  const chart: ChartSpec = { id: 'most-findings', title: `The post-mortems with the most findings (top ${MOST_FINDINGS})` };
  if (top.length === 0) return { ...chart, empty: 'No post-mortem has findings.' };
  // Ranked labels: two post-mortems with the same title stay two bars.
  const labels = top.map((r, i) => `${i + 1}. ${cutText(r.title ?? r.file, LABEL_CHARS)}`);
  const values = top.flatMap((r, i) => SEVERITIES.filter((s) => r.findings[s] > 0).map((severity) => ({ post: labels[i], severity, findings: r.findings[severity], rank: SEVERITIES.indexOf(severity) })));
  return {
    ...chart,
    spec: {
      ...BASE,
      // Narrower than the others: the titles take the rest.
      width: WIDTH - 240,
      height: { step: 22 },
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'post', type: 'nominal', title: null, sort: labels, axis: { labelLimit: 320 } },
        x: { field: 'findings', type: 'quantitative', aggregate: 'sum', title: 'findings', axis: { tickMinStep: 1 } },
        color: {
          field: 'severity',
          type: 'nominal',
          title: 'severity',
          scale: { domain: [...SEVERITIES], range: ['#d62728', '#ff7f0e', '#1f77b4', '#9da5ad'] },
        },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
  };
}

/** The worst severity red, then orange, yellow, blue…; "other" and "not stated" grey. */
const SEVERITY_PALETTE = ['#d62728', '#ff7f0e', '#e7ba52', '#4c78a8', '#72b7b2', '#54a24b', '#b279a2', '#9d755d', '#ff9da6', '#bab0ac', '#8c6d31'];

function severityColors(severities: string[]): string[] {
  let next = 0;
  return severities.map((s) => (s === UNKNOWN_SEVERITY || s === OTHER_SEVERITY ? (s === OTHER_SEVERITY ? '#a0a0a0' : '#d0d0d0') : SEVERITY_PALETTE[next++ % SEVERITY_PALETTE.length]));
}

/** The most frequent severities, at most MAX_SEVERITIES of them. */
function commonSeverities(records: readonly IncidentRecord[]): Set<string> {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.severity ?? UNKNOWN_SEVERITY, (counts.get(r.severity ?? UNKNOWN_SEVERITY) ?? 0) + 1);
  if (counts.size <= MAX_SEVERITIES) return new Set(counts.keys());
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Set(ranked.slice(0, MAX_SEVERITIES - 1).map(([s]) => s));
}

function ageBucket(days: number): string {
  return (AGE_BUCKETS.find((b) => days < b.maxDays) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1]).label;
}

/** SEV1 before SEV2 before SEV10; "other", then "not stated" last. */
function severityOrder(a: string, b: string): number {
  const rank = (s: string) => (s === UNKNOWN_SEVERITY ? 2 : s === OTHER_SEVERITY ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

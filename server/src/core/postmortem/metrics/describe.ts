/** The metrics in words: the Timeline heading's hover (Markdown) and its code lens (one line). */
import { markdownText } from '../../hoverText';
import type { LineIndex } from '../../text';
import { formatDuration } from '../time';
import { METRIC_NAMES, MILESTONES, type IncidentMetrics, type IncidentStart, type MetricDuration, type MetricFact, type MetricSource } from './types';

const SHORT_SOURCE: Record<MetricSource, string> = { 'front-matter': 'front matter', 'timeline-tag': 'tagged', stated: 'stated' };

/** "54 min", "10 min before the start". */
export function formatMetric(minutes: number): string {
  return minutes < 0 ? `${formatDuration(minutes)} before the start` : formatDuration(minutes);
}

/** Markdown lines: where the metrics count from, each metric with where it came from, how to give an unknown one. */
export function describeMetrics(metrics: IncidentMetrics, lines: LineIndex): string[] {
  const out = [`Incident metrics, ${describeStart(metrics.start)}:`];
  for (const milestone of MILESTONES) out.push(`- ${describeDuration(metrics.durations[milestone], lines)}`);
  if (MILESTONES.some((m) => metrics.durations[m].minutes === undefined)) {
    out.push('', 'A time is taken from the front matter (`incident.detected` …), else from a timeline entry tagged `[detected]` …, else from a line such as “Time to detect: 10 min”.');
  }
  return out;
}

/** "Time to detect 54 min (stated) · acknowledge unknown · mitigate unknown · resolve 2 h 28 min (stated)". */
export function metricsLensTitle(metrics: IncidentMetrics): string {
  return MILESTONES.map((milestone, i) => {
    const d = metrics.durations[milestone];
    const name = i === 0 ? METRIC_NAMES[milestone] : METRIC_NAMES[milestone].replace(/^Time to /, '');
    return d.fact ? `${name} ${formatMetric(d.fact.minutes)} (${SHORT_SOURCE[d.fact.source]})` : `${name} unknown`;
  }).join(' · ');
}

function describeStart(start: IncidentStart | undefined): string {
  if (!start) return 'with no start (no `incident.started` and no timed timeline entry)';
  const at = markdownText(start.text, 40);
  if (start.source === 'front-matter') return `from \`incident.started\` (${at})`;
  if (start.source === 'timeline-tag') return `from the timeline entry tagged as the start (${at})`;
  return `from the first timeline entry (${at})`;
}

function describeDuration(d: MetricDuration, lines: LineIndex): string {
  const name = METRIC_NAMES[d.milestone];
  if (!d.fact) return `${name}: unknown`;
  return `${name}: ${formatMetric(d.fact.minutes)}, ${describeSource(d.fact, lines)}`;
}

/** Where a fact is written, in Markdown. */
export function describeSource(fact: MetricFact, lines: LineIndex): string {
  const line = lines.positionAt(fact.span.start).line + 1;
  if (fact.source === 'front-matter') return `front matter \`${fact.label}\` (${markdownText(fact.text, 40)})`;
  if (fact.source === 'timeline-tag') return `timeline entry ${markdownText(fact.text, 40)} tagged \\[${markdownText(fact.label, 40)}\\] (line ${line})`;
  return `stated on line ${line} (“${markdownText(`${fact.label}: ${fact.text}`)}”)`;
}

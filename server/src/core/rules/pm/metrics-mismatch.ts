import { formatMetric } from '../../postmortem/metrics/describe';
import { incidentMetricsSteps, MILESTONES, type IncidentMetrics, type IncidentStart, type MetricFact, type MetricSource, type Milestone } from '../../postmortem/metrics';
import type { PostmortemModel } from '../../postmortem/model';
import { formatDuration } from '../../postmortem/time';
import { quoteText, sentenceStart } from '../../quote';
import type { Report, Rule } from '../../rule';

export const metricsMismatch: Rule<PostmortemModel> = {
  id: 'pm/metrics-mismatch',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A front-matter time or a stated duration (“Time to detection: 54 minutes”) that disagrees with the timeline entry tagged with the same moment, or incident times out of order.',
    details:
      'Time to detect, acknowledge, mitigate and resolve count from `incident.started` in the front matter, else from the entry tagged `[started]`, else from the earliest timeline entry. Each is stated by `incident.detected` … in the front matter, a timeline entry tagged `[detected]`, `[acknowledged]`, `[mitigated]` or `[resolved]`, or a line such as “TTR: 148 min” or “Time to recovery: 148 minutes” (recovery counts as resolved). Reported: a front-matter time more than `metricsToleranceMinutes` away from the tagged entry (once, at the entry); a stated duration that far from the tagged entry, else from the front matter, else from the first line stating the same moment (at the duration); `incident.started` that far from an entry tagged `[started]`; and moments out of order (resolved before detected, anything before the start), at the fewest that break the order, leaving out a moment already reported. Entries are never read for words like “alert” or “restored”: an untagged timeline states no moment. Does not catch: a moment stated in one place only, durations in prose (“detected within the hour”), or a timeline that writes no dates set against front-matter dates more than half a day away.',
    options: '`metricTags` (the tag words per moment), `metricsToleranceMinutes` (default 10).',
    bad: '## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n| 2024-03-01 09:00 | Deploys start failing |\n| 2024-03-01 09:40 | [detected] Alert fires |\n| 2024-03-01 11:00 | [resolved] Rolled back |\n\n## Stats\n\n- Time to detection: 10 minutes\n- Time to resolution: 2 hours',
    good: '## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n| 2024-03-01 09:00 | Deploys start failing |\n| 2024-03-01 09:40 | [detected] Alert fires |\n| 2024-03-01 11:00 | [resolved] Rolled back |\n\n## Stats\n\n- Time to detection: 40 minutes\n- Time to resolution: 2 hours',
  },
  *check(model, report, { config }) {
    const metrics = yield* incidentMetricsSteps(model, config);
    const tolerance = config.metricsToleranceMinutes;
    checkStart(metrics.start, tolerance, report);
    const disputed = new Set<Milestone>();
    for (const milestone of MILESTONES) if (checkMoment(metrics, milestone, tolerance, report)) disputed.add(milestone);
    checkOrder(metrics, disputed, tolerance, report);
  },
};

const MOMENT: Record<Milestone, string> = { detected: 'detected', acknowledged: 'acknowledged', mitigated: 'mitigated', resolved: 'resolved' };

/** `incident.started` against the entry tagged `[started]`. */
function checkStart(start: IncidentStart | undefined, tolerance: number, report: Report): void {
  const tagged = start?.tagged;
  if (!start || !tagged || Math.abs(tagged.minutes) <= tolerance) return;
  report({
    message: `This entry is tagged [${quoteText(tagged.word)}] at ${quoteText(tagged.entry.token?.text.trim() ?? '')}, but incident.started in the front matter is ${quoteText(start.text)}: ${formatDuration(tagged.minutes)} apart.`,
    span: tagged.entry.timeSpan,
    related: [{ span: start.span, message: '`incident.started` in the front matter' }],
    data: { milestone: 'started' },
  });
}

/**
 * A moment's statements against one another: the front matter against its tagged entry (once, at
 * the entry), else each stated duration against the tagged entry, the front matter or the first
 * stated one, in that order. True when the moment got a finding.
 */
function checkMoment(metrics: IncidentMetrics, milestone: Milestone, tolerance: number, report: Report): boolean {
  const of = (source: MetricSource) => metrics.facts.filter((f) => f.milestone === milestone && f.source === source);
  const [frontMatter, tagged, stated] = [of('front-matter')[0], of('timeline-tag')[0], of('stated')];
  const start = metrics.start ? ` (${describeStart(metrics.start)})` : '';
  if (frontMatter && tagged && Math.abs(frontMatter.minutes - tagged.minutes) > tolerance) {
    report({
      message: `This entry is tagged [${quoteText(tagged.label)}] at ${quoteText(tagged.text)}, ${formatMetric(tagged.minutes)} after the start${start}, but ${describeFact(frontMatter)} is ${formatMetric(frontMatter.minutes)} after it: ${formatDuration(frontMatter.minutes - tagged.minutes)} apart.`,
      span: tagged.span,
      related: [{ span: frontMatter.span, message: frontMatter.label }],
      data: { milestone },
    });
    return true;
  }
  const reference = tagged ?? frontMatter ?? stated[0];
  let found = false;
  for (const line of stated) {
    if (!reference || line === reference || Math.abs(line.minutes - reference.minutes) <= tolerance) continue;
    const theirs = reference.source === 'stated' ? `says ${formatMetric(reference.minutes)}` : `is ${formatMetric(reference.minutes)} after the start${start}`;
    report({
      message: `${describeFact(line)} says ${formatMetric(line.minutes)}, but ${describeFact(reference)} ${theirs}: ${formatDuration(line.minutes - reference.minutes)} apart.`,
      span: line.span,
      related: [{ span: reference.span, message: reference.source === 'timeline-tag' ? `Tagged [${quoteText(reference.label)}]` : sentenceStart(reference.label) }],
      data: { milestone },
    });
    found = true;
  }
  return found;
}

interface Placed {
  /** -1 for the start, else the moment's index in MILESTONES. */
  index: number;
  minutes: number;
  source: MetricSource;
  fact?: MetricFact;
}

/**
 * The moments taken for the metrics must follow one another: detected, acknowledged, mitigated,
 * resolved, none before the start. Kept: the most moments that are in order (the earlier ones on
 * a tie); each other one is reported. Times from different sources may be `tolerance` apart.
 */
function checkOrder(metrics: IncidentMetrics, disputed: Set<Milestone>, tolerance: number, report: Report): void {
  const start: Placed = { index: -1, minutes: 0, source: metrics.start?.source === 'front-matter' ? 'front-matter' : 'timeline-tag' };
  const moments: Placed[] = MILESTONES.flatMap((m, index) => {
    const fact = metrics.durations[m].fact;
    return fact && !disputed.has(m) ? [{ index, minutes: fact.minutes, source: fact.source, fact }] : [];
  });
  const inOrder = (a: Placed, b: Placed) => b.minutes >= a.minutes - (a.source === b.source ? 0 : tolerance);
  let kept: Placed[] = [start];
  for (let mask = 1; mask < 1 << moments.length; mask++) {
    const chosen = [start, ...moments.filter((_, i) => mask & (1 << i))];
    const ordered = chosen.every((a, i) => chosen.slice(i + 1).every((b) => inOrder(a, b)));
    // Among subsets of one size the first found holds the earlier moments (low bits).
    if (ordered && chosen.length > kept.length) kept = chosen;
  }
  for (const moment of moments) {
    if (kept.includes(moment)) continue;
    const fact = moment.fact!;
    const conflict = kept.find((k) => (k.index < moment.index ? !inOrder(k, moment) : !inOrder(moment, k)))!;
    const name = capitalize(MOMENT[fact.milestone]);
    const message =
      conflict.index < 0
        ? `${name} ${formatDuration(fact.minutes)} before the incident started (${describeFact(fact)}; the start is ${describeStart(metrics.start)}).`
        : `${name} ${formatMetric(fact.minutes)} after the start (${describeFact(fact)}) comes ${conflict.index < moment.index ? 'before' : 'after'} ${MOMENT[conflict.fact!.milestone]} at ${formatMetric(conflict.fact!.minutes)} (${describeFact(conflict.fact!)}): the incident's times are out of order.`;
    report({
      message,
      span: fact.span,
      related: conflict.fact ? [{ span: conflict.fact.span, message: capitalize(MOMENT[conflict.fact.milestone]) }] : metrics.start ? [{ span: metrics.start.span, message: 'The start' }] : [],
      data: { milestone: fact.milestone },
    });
  }
}

/** "the front matter's “incident.detected: 2024-…”", "the entry at 16:02 tagged [detected]", "“TTR: 148 min”". */
function describeFact(fact: MetricFact): string {
  if (fact.source === 'front-matter') return `the front matter's “${fact.label}: ${quoteText(fact.text)}”`;
  if (fact.source === 'timeline-tag') return `the entry at ${quoteText(fact.text)} tagged [${quoteText(fact.label)}]`;
  return `“${quoteText(`${fact.label}: ${fact.text}`)}”`;
}

/** "the first timeline entry at 15:36": what the start is. */
function describeStart(start: IncidentStart | undefined): string {
  if (!start) return 'unknown';
  if (start.source === 'front-matter') return `incident.started ${quoteText(start.text)}`;
  if (start.source === 'timeline-tag') return `the entry at ${quoteText(start.text)} tagged as the start`;
  return `the first timeline entry at ${quoteText(start.text)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

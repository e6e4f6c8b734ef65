import { formatDuration } from './time';
import type { Timeline, TimelineEntry } from './timeline';

const DETECTED = /\b(page[ds]?|paged|paging|alert(?:ed|s)?|acknowledg\w*|detected|noticed|reported)\b/i;
/** An entry that says the impact ended. */
export const RESOLVED =
  /\b(resolved|resolution is confirmed|all clear|recovered|mitigated|restored|back online|back to normal|outage ends|outage ended|fixed|fully operational|operational again|(?:issue|problem|errors?) (?:goes|went) away)\b/i;
/** An entry that says the impact began. */
export const STARTED = /\b(?:outage|incident|problem|issue|impact|errors?|degradation|disruption) (?:starts|started|begins|began)\b|\bstart of (?:the )?(?:outage|incident|impact)\b/i;

export interface TimelineSummary {
  first: TimelineEntry;
  last: TimelineEntry;
  spanMinutes: number;
  detected?: { entry: TimelineEntry; minutes: number };
  resolved?: { entry: TimelineEntry; minutes: number };
}

/** Span of the timeline and, where entries say so, time to detect and time to resolve. */
export function summarizeTimeline(timeline: Timeline): TimelineSummary | undefined {
  const timed = timeline.entries.filter((e) => e.precision === 'minute' && e.minutes !== undefined);
  if (timed.length === 0) return undefined;
  const first = timed[0];
  const last = timed[timed.length - 1];
  const find = (pattern: RegExp) => {
    const entry = timed.find((e) => pattern.test(e.text));
    return entry && { entry, minutes: entry.minutes! - first.minutes! };
  };
  const detected = find(DETECTED);
  const resolved = [...timed].reverse().find((e) => RESOLVED.test(e.text));
  return {
    first,
    last,
    spanMinutes: last.minutes! - first.minutes!,
    detected,
    resolved: resolved && { entry: resolved, minutes: resolved.minutes! - first.minutes! },
  };
}

export function describeSummary(s: TimelineSummary): string {
  const at = (e: TimelineEntry) => e.token?.text.trim() ?? '';
  const lines = [`**Timeline**: ${at(s.first)} → ${at(s.last)} (${formatDuration(s.spanMinutes)})`];
  if (s.detected) lines.push(`- Time to detect: ${formatDuration(s.detected.minutes)} (${at(s.detected.entry)}: ${s.detected.entry.text})`);
  if (s.resolved) lines.push(`- Time to resolve: ${formatDuration(s.resolved.minutes)} (${at(s.resolved.entry)}: ${s.resolved.entry.text})`);
  return lines.join('\n');
}

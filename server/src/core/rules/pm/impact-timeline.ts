import type { ImpactWindow } from '../../postmortem/impact';
import type { PostmortemModel } from '../../postmortem/model';
import { dayNumber, formatDuration, type TimeToken } from '../../postmortem/time';
import type { Timeline, TimelineEntry } from '../../postmortem/timeline';
import { zoneOffset } from '../../postmortem/zones';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';

const DURATION_TOLERANCE = 0.25;

export const impactTimeline: Rule<PostmortemModel> = {
  id: 'pm/impact-timeline',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The Impact section states a window the timeline does not cover, or a duration its window contradicts.',
    details:
      'Reported when the window starts more than `impactToleranceMinutes` (15) before the first timeline entry (the start of the outage is missing from the timeline), when it ends more than that away from the last entry, or when a duration written beside it (“~4 hours”, “40 minutes”) differs from the window by more than 25%. Windows with or without dates are compared with the timeline’s own dates and zone.',
    options: '`impactToleranceMinutes` (default 15).',
    bad: '## Impact\n\nDown for ~4 hours (12:21pm to 4:04pm).\n\n## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 2:43pm | Page |\n| 4:05pm | All clear |',
    good: '## Impact\n\nDown for ~4 hours (12:21pm to 4:04pm).\n\n## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 12:21pm | Certificate expired, uploads fail |\n| 2:43pm | Page |\n| 4:05pm | All clear |',
  },
  check(model, report, { config }) {
    const impact = model.impact;
    const timeline = model.timeline;
    if (!impact || impact.windows.length === 0) return;
    const tolerance = config.impactToleranceMinutes;
    const timed = timeline?.entries.filter((e) => e.precision === 'minute' && !e.token?.invalid) ?? [];

    for (const d of impact.durations) {
      const span = windowMinutes(d.window);
      if (span <= 0) continue;
      if (Math.abs(d.minutes - span) / span > DURATION_TOLERANCE) {
        report({
          message: `The Impact section says “${quoteText(d.text)}”, but the window beside it (${quoteText(d.window.start.text)} to ${quoteText(d.window.end.text)}) is ${formatDuration(span)}.`,
          span: d.span,
        });
      }
    }

    if (!timeline || timed.length === 0) return;
    const first = timed[0];
    const last = timed.reduce((a, b) => (b.minutes! > a.minutes! ? b : a));
    const earliest = impact.windows.reduce((a, b) => (place(b.start, timeline, first) < place(a.start, timeline, first) ? b : a));
    const start = place(earliest.start, timeline, first);
    if (first.minutes! - start > tolerance) {
      report({
        message: `The Impact window starts at ${quoteText(earliest.start.text)}, ${formatDuration(first.minutes! - start)} before the first timeline entry (${quoteText(first.token!.text)}): the start of the outage is missing from the timeline.`,
        span: earliest.start.span,
        related: [{ span: first.timeSpan, message: 'first timeline entry' }],
      });
    }
    const latest = impact.windows.reduce((a, b) => (endOf(b, timeline, first) > endOf(a, timeline, first) ? b : a));
    const end = endOf(latest, timeline, first);
    if (Math.abs(end - last.minutes!) > tolerance) {
      const after = end > last.minutes!;
      report({
        message: `The Impact window ends at ${quoteText(latest.end.text)}, ${formatDuration(end - last.minutes!)} ${after ? 'after' : 'before'} the last timeline entry (${quoteText(last.token!.text)}).`,
        span: latest.end.span,
        related: [{ span: last.timeSpan, message: 'last timeline entry' }],
      });
    }
  },
};

function windowMinutes(w: ImpactWindow): number {
  const start = w.start.time!.hour * 60 + w.start.time!.minute;
  let end = w.end.time!.hour * 60 + w.end.time!.minute;
  if (w.start.date && w.end.date) end += (dayNumber(w.end.date) - dayNumber(w.start.date)) * 1440;
  else if (end < start) end += 1440;
  return end - start;
}

/**
 * The token's minutes on the timeline's scale: its own date, else the first entry's day;
 * its own zone, else the timeline's.
 */
function place(token: TimeToken, timeline: Timeline, first: TimelineEntry): number {
  // A timeline that writes no years counts them from an arbitrary one: read the window's date in
  // the year of the timeline's last entry, where the outage usually ends.
  const last = timeline.entries.filter((e) => e.date).at(-1);
  const year = timeline.hasYears ? (token.date?.year ?? first.date?.year) : (last?.date?.year ?? first.date?.year);
  const date = token.date ? { ...token.date, year } : first.date;
  const day = date ? dayNumber(date) : Math.floor((first.minutes! + (zoneOffset(first.zone) ?? 0)) / 1440);
  const offset = token.offsetMinutes ?? zoneOffset(timeline.zone) ?? 0;
  return day * 1440 + token.time!.hour * 60 + token.time!.minute - offset;
}

function endOf(w: ImpactWindow, timeline: Timeline, first: TimelineEntry): number {
  const start = place(w.start, timeline, first);
  let end = place(w.end, timeline, first);
  if (!w.end.date && end < start) end += 1440;
  return end;
}

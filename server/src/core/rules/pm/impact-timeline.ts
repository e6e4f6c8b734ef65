import type { ImpactWindow } from '../../postmortem/impact';
import type { PostmortemModel } from '../../postmortem/model';
import { dayNumber, formatDuration, type TimeToken } from '../../postmortem/time';
import type { Timeline, TimelineEntry } from '../../postmortem/timeline';
import { zoneOffset } from '../../postmortem/zones';
import type { Report, Rule } from '../../rule';
import { ClockTimes, MINUTES_PER_DAY } from '../../units';
import { textRuns } from '../../postmortem/runs';
import { RESOLVED, STARTED } from '../../postmortem/outageWords';
import { scanTimes } from '../../postmortem/time';
import { quoteText, sentenceStart } from '../../quote';

const DURATION_TOLERANCE = 0.25;

export const impactTimeline: Rule<PostmortemModel> = {
  id: 'pm/impact-timeline',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The Impact section states a window the timeline does not cover, or a duration, written anywhere in the summary, that its window or the timeline contradicts.',
    details:
      'Reported when the window starts more than `impactToleranceMinutes` (15) before the first timeline entry (the start of the outage is missing from the timeline), when it ends more than that away from the last entry, or when a duration written beside it (“~4 hours”, “40 minutes”) differs from the window by more than 25%. Windows with or without dates are compared with the timeline’s own dates and zone. The end is compared with the entry that says the impact ended (restored, recovered, resolved, back to normal, outage ends…) when there is one; without one, only an end after the last entry is reported (entries after recovery are the follow-up). A duration stated on its own in the summary or Impact (“This effect lasted approximately nine hours”, “at least seven hours” as a lower bound) is compared with the timeline from the entry that says the outage started (else the first) to the one that says it ended (else the last); a time the Resolution gives for the fix (“deployed at 10:04”) that no timeline entry is near is reported where it is written. Does not catch: durations in other sections, dates in prose (“on March 26th”), or an Impact window that is consistent with a timeline that is itself wrong.',
    options: '`impactToleranceMinutes` (default 15).',
    bad: '## Impact\n\nDown for ~4 hours (12:21pm to 4:04pm).\n\n## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 2:43pm | Page |\n| 4:05pm | All clear |',
    good: '## Impact\n\nDown for ~4 hours (12:21pm to 4:04pm).\n\n## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 12:21pm | Certificate expired, uploads fail |\n| 2:43pm | Page |\n| 4:05pm | All clear |',
  },
  check(model, report, { config }) {
    const impact = model.impact;
    const timeline = model.timeline;
    const tolerance = config.impactToleranceMinutes;
    const timed = timeline?.entries.filter((e) => e.precision === 'minute' && !e.token?.invalid) ?? [];

    for (const [where, durations] of [['Impact section', impact?.durations ?? []], ['summary', model.overview?.durations ?? []]] as const) {
      for (const d of durations) {
        const span = windowMinutes(d.window);
        if (span <= 0) continue;
        if (Math.abs(d.minutes - span) / span > DURATION_TOLERANCE) {
          report({
            message: `The ${where} says “${quoteText(d.text)}”, but the window beside it (${quoteText(d.window.start.text)} to ${quoteText(d.window.end.text)}) is ${formatDuration(span)}.`,
            span: d.span,
          });
        }
      }
    }

    if (!timeline || timed.length === 0) return;
    const first = timed[0];
    const last = timed.reduce((a, b) => (b.minutes! > a.minutes! ? b : a));
    const ended = [...timed].reverse().find((e) => RESOLVED.test(e.text));
    const started = timed.find((e) => STARTED.test(e.text));
    checkStatedDurations(model, timed, started ?? first, ended ?? last, report);
    checkResolutionTimes(model, timed, ended, tolerance, report);

    if (!impact || impact.windows.length === 0) return;
    const on = scaleOf(timeline, first);
    const earliest = impact.windows.reduce((a, b) => (place(b.start, on) < place(a.start, on) ? b : a));
    const start = place(earliest.start, on);
    if (first.minutes! - start > tolerance) {
      report({
        message: `The Impact window starts at ${quoteText(earliest.start.text)}, ${formatDuration(first.minutes! - start)} before the first timeline entry (${quoteText(first.token!.text)}): the start of the outage is missing from the timeline.`,
        span: earliest.start.span,
        related: [{ span: first.timeSpan, message: 'The first timeline entry' }],
      });
    }
    const latest = impact.windows.reduce((a, b) => (endOf(b, on) > endOf(a, on) ? b : a));
    const end = endOf(latest, on);
    // Compared with the entry that says the impact ended; without one, the entries after the end
    // are the follow-up (a notice, a cleanup) and only an end past the last entry is a contradiction.
    const reference = ended ?? last;
    const gap = end - reference.minutes!;
    if (Math.abs(gap) > tolerance && (ended || gap > 0)) {
      const what = ended ? 'the timeline entry that ends the outage' : 'the last timeline entry';
      report({
        message: `The Impact window ends at ${quoteText(latest.end.text)}, ${formatDuration(gap)} ${gap > 0 ? 'after' : 'before'} ${what} (${quoteText(reference.token!.text)}).`,
        span: latest.end.span,
        related: [{ span: reference.timeSpan, message: sentenceStart(what) }],
      });
    }
  },
};

/** "This effect lasted approximately nine hours" against the timeline from the outage's start to its end. */
function checkStatedDurations(model: PostmortemModel, timed: TimelineEntry[], from: TimelineEntry, to: TimelineEntry, report: Report): void {
  if (timed.length < 2) return;
  const span = to.minutes! - from.minutes!;
  if (span <= 0) return;
  const stated = [
    ...(model.overview?.bare ?? []).map((d) => ({ d, where: 'summary' })),
    ...(model.impact?.bare ?? []).map((d) => ({ d, where: 'Impact section' })),
  ];
  for (const { d, where } of stated) {
    const off =
      d.bound === 'lower' ? span < d.minutes * (1 - DURATION_TOLERANCE) : d.bound === 'upper' ? span > d.minutes * (1 + DURATION_TOLERANCE) : Math.abs(span - d.minutes) / d.minutes > DURATION_TOLERANCE;
    if (!off) continue;
    report({
      message: `The ${where} says “${quoteText(d.text)}”, but the timeline runs ${formatDuration(span)} (${quoteText(from.token!.text)} to ${quoteText(to.token!.text)}).`,
      span: d.span,
      related: [
        { span: from.timeSpan, message: 'The outage starts' },
        { span: to.timeSpan, message: 'The outage ends' },
      ],
    });
  }
}

const FIX_SENTENCE = /\b(deployed|rolled (?:back|out)|reverted|fixed|recovered|restored|resolved|mitigated|applied|released)\b/i;

/** "a new image was built and deployed at 10:04" when no timeline entry is near 10:04. */
function checkResolutionTimes(model: PostmortemModel, timed: TimelineEntry[], ended: TimelineEntry | undefined, tolerance: number, report: Report): void {
  const section = model.resolution;
  if (!section || !ended || timed.length < 2) return;
  const zone = model.timeline?.zone;
  const entryTimes = new ClockTimes(timed.map((e) => e.token!.time!.hour * 60 + e.token!.time!.minute));
  for (const node of section.ownNodes) {
    if (node.type !== 'paragraph' && node.type !== 'list') continue;
    for (const run of textRuns(node, model.text)) {
      for (const token of scanTimes(run.text, run.offset)) {
        if (!token.time || token.invalid || token.date) continue;
        if (token.zone && zone && zoneOffset(token.zone) !== zoneOffset(zone)) continue;
        const sentence = sentenceAround(run.text, token.span.start - run.offset);
        if (!FIX_SENTENCE.test(sentence)) continue;
        const clock = token.time.hour * 60 + token.time.minute;
        if (entryTimes.near(clock, tolerance)) continue;
        report({
          message: `The Resolution says ${quoteText(token.text)}, but no timeline entry is near that time; the timeline ends the outage at ${quoteText(ended.token!.text)}.`,
          span: token.span,
          related: [{ span: ended.timeSpan, message: 'The timeline entry that ends the outage' }],
        });
      }
    }
  }
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('\n\n', at)) + 1;
  const rest = text.slice(at).search(/[.!?](\s|$)/);
  return text.slice(start, rest < 0 ? text.length : at + rest);
}

function windowMinutes(w: ImpactWindow): number {
  const start = w.start.time!.hour * 60 + w.start.time!.minute;
  let end = w.end.time!.hour * 60 + w.end.time!.minute;
  if (w.start.date && w.end.date) end += (dayNumber(w.end.date) - dayNumber(w.start.date)) * MINUTES_PER_DAY;
  else if (end < start) end += MINUTES_PER_DAY;
  return end - start;
}

/** What placing a time on the timeline's scale needs, read from the timeline once (not per window). */
interface Scale {
  timeline: Timeline;
  first: TimelineEntry;
  /** The year of the timeline's last dated entry. */
  lastYear: number | undefined;
}

function scaleOf(timeline: Timeline, first: TimelineEntry): Scale {
  let lastYear: number | undefined;
  for (const e of timeline.entries) if (e.date) lastYear = e.date.year;
  return { timeline, first, lastYear };
}

/**
 * The token's minutes on the timeline's scale: its own date, else the first entry's day;
 * its own zone, else the timeline's.
 */
function place(token: TimeToken, { timeline, first, lastYear }: Scale): number {
  // A timeline that writes no years counts them from an arbitrary one: read the window's date in
  // the year of the timeline's last entry, where the outage usually ends.
  const year = timeline.hasYears ? (token.date?.year ?? first.date?.year) : (lastYear ?? first.date?.year);
  const date = token.date ? { ...token.date, year } : first.date;
  const day = date ? dayNumber(date) : Math.floor((first.minutes! + (zoneOffset(first.zone) ?? 0)) / MINUTES_PER_DAY);
  const offset = token.offsetMinutes ?? zoneOffset(timeline.zone) ?? 0;
  return day * MINUTES_PER_DAY + token.time!.hour * 60 + token.time!.minute - offset;
}

function endOf(w: ImpactWindow, on: Scale): number {
  const start = place(w.start, on);
  let end = place(w.end, on);
  if (!w.end.date && end < start) end += MINUTES_PER_DAY;
  return end;
}

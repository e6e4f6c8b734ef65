/**
 * Incident metrics: time to detect, acknowledge, mitigate and resolve, measured from the start.
 * Each is taken from what the document states, never guessed from its prose: the front matter
 * (`incident.detected` …), else a timeline entry tagged `[detected]` …, else a line that states it
 * ("Time to detection: 54 minutes", "TTR: 148 min"), else it is unknown.
 */
import type { Config } from '../../config';
import { drain, type Steps } from '../../steps';
import { MINUTE_MS, MINUTES_PER_DAY } from '../../units';
import type { PostmortemModel } from '../model';
import { dayNumber, type TimeToken } from '../time';
import type { Timeline, TimelineEntry } from '../timeline';
import { zoneOffset } from '../zones';
import { frontMatterTimes, type FrontMatterTime } from './frontMatter';
import { statedMetrics } from './stated';
import { taggedEntries } from './tags';
import { MILESTONES, type IncidentMetrics, type IncidentStart, type MetricDuration, type MetricFact, type Milestone } from './types';

export * from './types';

const cache = new WeakMap<PostmortemModel, { tags: Config['metricTags']; metrics: IncidentMetrics }>();

/** The metrics of one post-mortem (computed once per model and tag words). */
export function incidentMetrics(model: PostmortemModel, config: Pick<Config, 'metricTags'>): IncidentMetrics {
  return drain(incidentMetricsSteps(model, config));
}

/** incidentMetrics in steps (core/steps.ts): it reads every timeline entry and paragraph. */
export function* incidentMetricsSteps(model: PostmortemModel, config: Pick<Config, 'metricTags'>): Steps<IncidentMetrics> {
  const hit = cache.get(model);
  if (hit && hit.tags === config.metricTags) return hit.metrics;
  const metrics = yield* computeMetrics(model, config.metricTags);
  cache.set(model, { tags: config.metricTags, metrics });
  return metrics;
}

function* computeMetrics(model: PostmortemModel, tags: Config['metricTags']): Steps<IncidentMetrics> {
  const timeline = model.timeline;
  const timed = timeline?.entries.filter((e) => e.precision === 'minute' && e.minutes !== undefined && !e.token?.invalid) ?? [];
  yield;
  const tagged = timeline ? yield* taggedEntries(timeline, tags) : [];
  const frontMatter = frontMatterTimes(model);
  const frontMatterAt = (t: FrontMatterTime) => frontMatterMinutes(t.token, timeline);

  const earliest = timed.reduce<TimelineEntry | undefined>((a, e) => (!a || e.minutes! < a.minutes! ? e : a), undefined);
  const startTag = tagged.find((t) => t.tag === 'started');
  const reference = startTag?.entry ?? earliest;
  // Front-matter times are dates; a timeline that writes no year (or no date) is put on their calendar.
  const anchor = frontMatter.started ?? MILESTONES.map((m) => frontMatter[m]).find((t) => t !== undefined);
  const shift = timeline && reference && anchor ? calendarShift(timeline, reference, frontMatterAt(anchor)) : 0;
  const at = (e: TimelineEntry) => e.minutes! + shift;

  let start: IncidentStart | undefined;
  let startAt: number | undefined;
  if (frontMatter.started) {
    startAt = frontMatterAt(frontMatter.started);
    start = { source: 'front-matter', span: frontMatter.started.span, text: frontMatter.started.text };
    if (startTag) start.tagged = { entry: startTag.entry, word: startTag.word, minutes: at(startTag.entry) - startAt };
  } else if (reference) {
    startAt = at(reference);
    start = { source: startTag ? 'timeline-tag' : 'first-entry', span: reference.timeSpan, text: entryTime(reference), entry: reference };
  }

  const facts: MetricFact[] = [];
  for (const milestone of MILESTONES) {
    const written = frontMatter[milestone];
    if (written && startAt !== undefined) {
      facts.push({ milestone, source: 'front-matter', minutes: frontMatterAt(written) - startAt, span: written.span, text: written.text, label: `incident.${milestone}` });
    }
    for (const t of tagged) {
      if (t.tag !== milestone || startAt === undefined) continue;
      facts.push({ milestone, source: 'timeline-tag', minutes: at(t.entry) - startAt, span: t.entry.timeSpan, text: entryTime(t.entry), label: t.word, entry: t.entry });
    }
  }
  for (const s of yield* statedMetrics(model.root, model.text, model.tables)) {
    facts.push({ milestone: s.milestone, source: 'stated', minutes: s.minutes, span: s.span, text: s.text, label: s.label });
  }
  facts.sort((a, b) => MILESTONES.indexOf(a.milestone) - MILESTONES.indexOf(b.milestone));

  const durations = Object.fromEntries(
    MILESTONES.map((milestone): [Milestone, MetricDuration] => {
      const fact = facts.find((f) => f.milestone === milestone);
      return [milestone, fact ? { milestone, minutes: fact.minutes, fact } : { milestone }];
    }),
  ) as Record<Milestone, MetricDuration>;
  return { start, durations, facts };
}

function entryTime(entry: TimelineEntry): string {
  return entry.token?.text.trim() ?? '';
}

/**
 * A front-matter time on the timeline's scale: UTC minutes, a time without a zone read in the
 * timeline's; against a timeline that states no zone, the front matter's own clock (both are
 * taken to be in one zone).
 */
function frontMatterMinutes(token: TimeToken, timeline: Timeline | undefined): number {
  const local = dayNumber(token.date!) * MINUTES_PER_DAY + token.time!.hour * 60 + token.time!.minute;
  if (timeline && !timeline.zone) return local;
  return local - (token.offsetMinutes ?? zoneOffset(timeline?.zone, local * MINUTE_MS) ?? 0);
}

/**
 * Minutes to add to the timeline's entries to put them on the front matter's calendar: none when
 * the timeline writes years; else the year (dates without one) or the day (times alone) that puts
 * `entry` nearest the front matter's time.
 */
function calendarShift(timeline: Timeline, entry: TimelineEntry, anchorAt: number): number {
  if (timeline.hasYears && entry.date?.year !== undefined) return 0;
  if (!entry.date) return Math.round((anchorAt - entry.minutes!) / MINUTES_PER_DAY) * MINUTES_PER_DAY;
  const date = entry.date;
  const year = new Date(anchorAt * MINUTE_MS).getUTCFullYear();
  // A yearless timeline counts from dayNumber's stand-in year (2000, then 2001 after a new year): keep its steps.
  const shifts = [year - 1, year, year + 1].map((y) => {
    const real = { ...date, year: date.year === undefined ? y : y + date.year - STAND_IN_YEAR };
    return (dayNumber(real) - dayNumber(date)) * MINUTES_PER_DAY;
  });
  return shifts.reduce((a, b) => (Math.abs(entry.minutes! + b - anchorAt) < Math.abs(entry.minutes! + a - anchorAt) ? b : a));
}

/** The year dayNumber reads a date without one in. */
const STAND_IN_YEAR = 2000;

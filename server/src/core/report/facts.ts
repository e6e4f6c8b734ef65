/**
 * What the incident report knows about one post-mortem, read from its model: the one interface
 * between the post-mortem model and the report (records, CSV, charts). Everything the report
 * shows comes through `postmortemFacts`, and is what the document states: nothing is guessed.
 *
 * The four durations are the incident metrics (core/postmortem/metrics: front matter, tagged
 * timeline entries, stated durations), the hover's and lens's numbers; an item is open when the
 * model does not read it as done (status, done words, a checked box).
 */
import type { Config } from '../config';
import { escapeControls } from '../quote';
import { inEmptySection } from '../postmortem/emptiness';
import type { ActionItem } from '../postmortem/actionItems';
import type { ImpactWindow } from '../postmortem/impact';
import type { PostmortemModel } from '../postmortem/model';
import { dayNumber } from '../postmortem/time';
import { DAY_MS, MINUTE_MS, MINUTES_PER_DAY } from '../units';
import { cutText } from './cut';
import { isTemplateItem } from '../postmortem/actionItemChecks';
import { isDate } from '../postmortem/frontMatterFields';
import { incidentMetrics } from '../postmortem/metrics';
import { frontMatterTimes } from '../postmortem/metrics/frontMatter';
import type { IncidentMetrics, Milestone } from '../postmortem/metrics/types';
import { ticketsOf, type TicketFinder, ticketFinder } from './tickets';

export interface PostmortemFacts {
  /** Front-matter title, else the first heading. */
  title?: string;
  /** The incident's day, `YYYY-MM-DD` (see `incidentDate`). */
  date?: string;
  severity?: string;
  status?: string;
  /**
   * How long the impact lasted: the Impact section's windows ("from 10:00 to 12:30"), else the
   * summary's (the lead paragraphs and Summary), else `incident.started` to `incident.resolved`.
   */
  durationMinutes?: number;
  ttdMinutes?: number;
  ttaMinutes?: number;
  ttmMinutes?: number;
  ttrMinutes?: number;
  /** Action items, template placeholders left out. */
  actionItems: number;
  /** Those not marked done. */
  actionItemsOpen: number;
  /** Open ones with no ticket, as pm/action-item-ticket counts them. */
  actionItemsWithoutTicket: number;
  /** Front matter `tickets`, then the references of the action items, each once. */
  tickets: string[];
}

export interface FactsContext {
  config: Config;
  /** The file, for a date in its name when the document gives none. */
  path?: string;
}

/** Longer values are cut: a repository chooses them, and a report shows them in cells and charts. */
export const MAX_FIELD_CHARS = 200;

export function postmortemFacts(model: PostmortemModel, context: FactsContext): PostmortemFacts {
  const data = model.frontMatter?.data ?? {};
  const metrics = incidentMetrics(model, context.config);
  const finder = ticketFinder(context.config);
  // The items of one list share its context (headings, paragraphs around it): each is read once.
  const contextTickets = new WeakMap<object, boolean>();
  const items = (model.actionItems?.items ?? []).filter((item) => !isTemplateItem(item));
  const open = items.filter(isOpen);
  return {
    title: text(model.title),
    date: incidentDate(model, context.path),
    severity: text(scalar(data.severity)),
    status: text(scalar(data.status)),
    durationMinutes: impactMinutes(model.impact?.windows ?? []) ?? impactMinutes(model.overview?.windows ?? []) ?? frontMatterWindow(metrics),
    ...durations(metrics),
    actionItems: items.length,
    actionItemsOpen: open.length,
    actionItemsWithoutTicket: open.filter((item) => !inEmptySection(model, item.span) && !hasTicket(item, finder, contextTickets)).length,
    tickets: ticketsOf(listOf(data.tickets), items, finder),
  };
}

function durations({ durations: d }: IncidentMetrics): Pick<PostmortemFacts, 'ttdMinutes' | 'ttaMinutes' | 'ttmMinutes' | 'ttrMinutes'> {
  // A moment before the start is a contradiction (pm/metrics-mismatch says so), not a duration.
  const minutes = (m: Milestone) => (d[m].minutes !== undefined && d[m].minutes >= 0 ? d[m].minutes : undefined);
  return { ttdMinutes: minutes('detected'), ttaMinutes: minutes('acknowledged'), ttmMinutes: minutes('mitigated'), ttrMinutes: minutes('resolved') };
}

/** `incident.started` to `incident.resolved`, both from the front matter, read as the metrics read them. */
function frontMatterWindow({ start, durations: d }: IncidentMetrics): number | undefined {
  const resolved = d.resolved;
  if (start?.source !== 'front-matter' || resolved.fact?.source !== 'front-matter' || resolved.minutes === undefined || resolved.minutes < 0) return undefined;
  return resolved.minutes;
}

function isOpen(item: ActionItem): boolean {
  return !item.done;
}

function hasTicket(item: ActionItem, finder: TicketFinder, contextTickets: WeakMap<object, boolean>): boolean {
  if (finder.has(item.source, item.links)) return true;
  return item.context.some((c) => {
    let has = contextTickets.get(c);
    if (has === undefined) contextTickets.set(c, (has = finder.has(c.source, c.links)));
    return has;
  });
}

/**
 * The incident's day: front matter `date`, else `incident.started`, else the first timeline entry
 * that writes its year, else a `YYYY-MM-DD` in the file name.
 */
function incidentDate(model: PostmortemModel, path: string | undefined): string | undefined {
  // The day as written (`2026-03-02T23:30-05:00` is the 2nd where it happened), not its UTC day.
  const date = model.frontMatter?.data.date;
  const startedOn = frontMatterTimes(model).started?.token.date;
  const day = (date instanceof Date ? isoDay(date.getTime()) : typeof date === 'string' && isDate(date.trim()) ? leadingDay(date) : undefined) ?? (startedOn && isoDay(dayNumber(startedOn) * DAY_MS));
  if (day) return day;
  if (model.timeline?.hasYears) {
    const entry = model.timeline.entries.find((e) => e.date?.year !== undefined && !e.token?.invalid);
    if (entry?.date) return isoDay(dayNumber(entry.date) * MINUTES_PER_DAY * MINUTE_MS);
  }
  const name = path?.split(/[\\/]/).pop() ?? '';
  return leadingDay(/(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/.exec(name)?.[0] ?? '');
}

/** `2026-03-03`, `2026-03-03T10:00Z`: the day, when it exists. */
function leadingDay(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(value);
  if (!m) return undefined;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = isoDay(time);
  return day === `${m[1]}-${m[2]}-${m[3]}` ? day : undefined; // 2026-02-30 does not exist
}

/**
 * Minutes covered by the Impact section's windows (their union: a window written twice counts
 * once). Each window reads on its own dates when both ends have one, else within a day (an end
 * before its start is the next day); zones count when both ends state one.
 */
function impactMinutes(windows: ImpactWindow[]): number | undefined {
  const intervals = windows.map(windowInterval).sort((a, b) => a[0] - b[0]);
  if (intervals.length === 0) return undefined;
  let total = 0;
  let [start, end] = intervals[0];
  for (const [s, e] of intervals.slice(1)) {
    if (s > end) {
      total += end - start;
      [start, end] = [s, e];
    } else end = Math.max(end, e);
  }
  return total + end - start;
}

function windowInterval(w: ImpactWindow): [number, number] {
  const clock = (t: ImpactWindow['start']) => t.time!.hour * 60 + t.time!.minute - (w.start.offsetMinutes !== undefined && w.end.offsetMinutes !== undefined ? t.offsetMinutes! : 0);
  const dated = w.start.date && w.end.date;
  const start = (dated ? dayNumber(w.start.date!) * MINUTES_PER_DAY : 0) + clock(w.start);
  let end = (dated ? dayNumber(w.end.date!) * MINUTES_PER_DAY : 0) + clock(w.end);
  if (end < start) end += dated ? 0 : MINUTES_PER_DAY;
  return [start, Math.max(start, end)];
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `severity: 2` is as good as `severity: "2"`; a list or a map is not a severity. */
function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function listOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(scalar).filter((v): v is string => v !== undefined);
}

/** One line, at most MAX_FIELD_CHARS, control characters written as escapes; empty is unknown. */
export function text(value: string | undefined): string | undefined {
  const line = value === undefined ? undefined : escapeControls(value.replace(/\s+/g, ' ').trim());
  if (!line) return undefined;
  return cutText(line, MAX_FIELD_CHARS);
}

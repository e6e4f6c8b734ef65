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
import { MINUTE_MS, MINUTES_PER_DAY } from '../units';
import { cutText } from './cut';
import { isTemplateItem } from '../postmortem/actionItemChecks';
import { incidentMetrics } from '../postmortem/metrics';
import type { Milestone } from '../postmortem/metrics/types';
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
  const incident = recordOf(data.incident);
  const started = dateTime(incident.started);
  const resolved = dateTime(incident.resolved);
  const metrics = durations(model, context.config);
  const finder = ticketFinder(context.config);
  // The items of one list share its context (headings, paragraphs around it): each is read once.
  const contextTickets = new WeakMap<object, boolean>();
  const items = (model.actionItems?.items ?? []).filter((item) => !isTemplateItem(item));
  const open = items.filter(isOpen);
  return {
    title: text(model.title),
    date: incidentDate(model, incident.started, context.path),
    severity: text(scalar(data.severity)),
    status: text(scalar(data.status)),
    durationMinutes: impactMinutes(model.impact?.windows ?? []) ?? impactMinutes(model.overview?.windows ?? []) ?? minutesBetween(started, resolved),
    ...metrics,
    actionItems: items.length,
    actionItemsOpen: open.length,
    actionItemsWithoutTicket: open.filter((item) => !inEmptySection(model, item.span) && !hasTicket(item, finder, contextTickets)).length,
    tickets: ticketsOf(listOf(data.tickets), items, finder),
  };
}

function durations(model: PostmortemModel, config: Config): Pick<PostmortemFacts, 'ttdMinutes' | 'ttaMinutes' | 'ttmMinutes' | 'ttrMinutes'> {
  const { durations: d } = incidentMetrics(model, config);
  // A moment before the start is a contradiction (pm/metrics-mismatch says so), not a duration.
  const minutes = (m: Milestone) => (d[m].minutes !== undefined && d[m].minutes >= 0 ? d[m].minutes : undefined);
  return { ttdMinutes: minutes('detected'), ttaMinutes: minutes('acknowledged'), ttmMinutes: minutes('mitigated'), ttrMinutes: minutes('resolved') };
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
function incidentDate(model: PostmortemModel, started: unknown, path: string | undefined): string | undefined {
  // The day as written (`2026-03-02T23:30-05:00` is the 2nd where it happened), not its UTC day.
  const writtenDay = (value: unknown) => (value instanceof Date ? isoDay(value.getTime()) : typeof value === 'string' && dateTime(value) !== undefined ? leadingDay(value) : undefined);
  const day = writtenDay(model.frontMatter?.data.date) ?? writtenDay(started);
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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since 1970 of an ISO 8601 date-time (`2026-03-02T10:00:00Z`, `2026-03-02 10:00+01:00`).
 * One without a zone reads as UTC: the durations between times written alike are still right.
 */
export function dateTime(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m || !leadingDay(value)) return undefined;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second);
  return utc - zoneMinutes(m[7]) * MINUTE_MS;
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Whole minutes from `from` to `to`; unknown when either is, or when `to` comes first (a contradiction pm/metrics-mismatch reports). */
function minutesBetween(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined || to < from) return undefined;
  return Math.round((to - from) / MINUTE_MS);
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

function recordOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) ? (value as Record<string, unknown>) : {};
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

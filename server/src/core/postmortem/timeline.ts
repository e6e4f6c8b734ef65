import type { List, ListItem, Root, RootContent } from 'mdast';
import type { Steps } from '../steps';
import type { Span } from '../types';
import { MINUTE_MS, MINUTES_PER_DAY } from '../units';
import { runsText, spanOf, textRuns, visibleText } from './runs';
import type { Section } from './sections';
import { columnIndex, isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable, type Table } from './tables';
import { dayNumber, leadingTime, scanTimes, type CalendarDate, type TimeToken } from './time';
import { canonicalZone, NAMED_ZONE_PATTERN, ZONE_NAMES_PATTERN, zoneOffset } from './zones';

export interface TimelineEntry {
  /** The whole entry: row, list item, heading or line. */
  span: Span;
  /** Where findings about its time go: the time token, or the time cell / first line when there is none. */
  timeSpan: Span;
  token?: TimeToken;
  /** What happened, for hovers and the outline. */
  text: string;
  /** The calendar day it happened, written on the entry or inherited from the entries or date lines above. */
  date?: CalendarDate;
  /** Comparable minutes (UTC when a zone is known); absent without a usable time or date. */
  minutes?: number;
  precision: 'minute' | 'day' | 'none';
  zone?: string;
}

export interface Timeline {
  section: Section;
  entries: TimelineEntry[];
  /** The zone the timeline states (column header, entries, an "All times in …" sentence, front matter). */
  zone?: string;
  zoneStated: boolean;
  /** Whether any entry writes its year; when none does, years are only relative. */
  hasYears: boolean;
}

const TIMELINE_HEADING = /\b(timeline|chronology)\b/;
const TIME_COLUMN = /time|date|when/i;
const ZONE_IN_TEXT = new RegExp(`(?:^|[^A-Za-z/])(${NAMED_ZONE_PATTERN}|${ZONE_NAMES_PATTERN}|(?:UTC|GMT)[+-]\\d{1,2})(?![A-Za-z/])`, 'g');
const ZONE_SENTENCE = new RegExp(`\\btimes?\\b[^\\n.]{0,60}?(?:^|[^A-Za-z/])(${NAMED_ZONE_PATTERN}|${ZONE_NAMES_PATTERN}|(?:UTC|GMT)[+-]\\d{1,2})(?![A-Za-z/])`, 'gi');
const EVENING = 18 * 60;
const EARLY_MORNING = 6 * 60;
/** dayNumber's year for dates written without one. */
const FALLBACK_YEAR = 2000;

export function findTimelineSection(sections: Section[]): Section | undefined {
  return sections.find((s) => TIMELINE_HEADING.test(s.heading.normalized));
}

/** Raw entries before dates are resolved: a token (or none) and where it sits. */
interface RawEntry {
  span: Span;
  timeSpan: Span;
  token?: TimeToken;
  text: string;
  /** A date line or heading that sets the day for the entries under it, not itself an entry. */
  groupDate?: CalendarDate;
  /** Set on entries read from a heading: its level. */
  headingDepth?: number;
}

/** Rows or items read between two steps (a timeline of 100,000 entries takes about a second). */
const ENTRIES_PER_STEP = 1_000;

/** The timeline, in steps (core/steps.ts). */
export function* buildTimelineSteps(section: Section, root: Root, source: string, frontMatterZone: string | undefined): Steps<Timeline> {
  const raw: RawEntry[] = [];
  let headerZone: string | undefined;
  for (const node of section.nodes) {
    if (node.type === 'heading') {
      if (node.depth <= section.heading.depth) continue;
      const count = raw.length;
      collectLine(node, spanOf(node), headingTextSpan(node, source), source, raw, true);
      if (raw.length > count) raw[count].headingDepth = node.depth;
    } else if (node.type === 'paragraph') {
      collectParagraph(node, source, raw);
    } else if (node.type === 'list') {
      yield* collectList(node, source, raw);
    } else if (node.type === 'table' || (node.type === 'html' && isHtmlTable(node))) {
      const table = node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node, source);
      const zone = yield* collectTable(table, raw);
      headerZone ??= zone;
    }
    yield;
  }
  resolveDateHeadings(raw);
  const statedZone = headerZone ?? sentenceZone(root, source) ?? frontMatterZone;
  const entries = resolveEntries(raw, statedZone);
  const entryZone = entries.find((e) => e.token?.zone)?.token?.zone;
  const zone = statedZone ?? entryZone;
  const hasYears = entries.some((e) => e.token?.date?.year !== undefined);
  return { section, entries, zone, zoneStated: zone !== undefined, hasYears };
}

function headingTextSpan(node: RootContent & { children?: unknown[] }, source: string): Span {
  const span = spanOf(node);
  const text = source.slice(span.start, span.end);
  const lead = /^#{1,6}[ \t]*/.exec(text)?.[0].length ?? 0;
  return { start: span.start + lead, end: span.end };
}

/**
 * A line that starts with a time is an entry; a line that is only a date groups what follows.
 * `node` holds the line (the heading, paragraph or item's first block): what the entry says is
 * read from it, inline code included and Markdown syntax left out.
 */
function collectLine(node: RootContent, span: Span, textSpan: Span, source: string, raw: RawEntry[], isHeading = false): void {
  const text = source.slice(textSpan.start, textSpan.end);
  const token = leadingTime(text, textSpan.start);
  if (!token) return;
  const rest = source.slice(token.span.end, textSpan.end).replace(/[\s*_[\]():,|-]+/g, ' ').trim();
  const dateOnly = token.date && !token.time && !token.placeholder;
  const description = () => cleanDescription(visibleText(node, source, { start: token.span.end, end: textSpan.end }));
  if (dateOnly && (isHeading || rest === '' || /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i.test(rest))) {
    // A heading's words ("### 2021-01-05 (Day 1)") may still group entries: resolveDateHeadings decides.
    raw.push({ span, timeSpan: token.span, token, text: description(), groupDate: token.date });
    return;
  }
  if (!token.time && !token.placeholder && !isHeading && !token.date) return;
  raw.push({ span, timeSpan: token.span, token, text: description() });
}

/**
 * A date heading groups the timed entries under it ("### 2019-01-22", then "- 14:54 …"); one with
 * only an event body under it ("### 2018-01-11", then what happened that day) is itself an entry,
 * known to the day.
 */
function resolveDateHeadings(raw: RawEntry[]): void {
  raw.forEach((r, i) => {
    if (!r.groupDate || r.headingDepth === undefined) return;
    const next = raw[i + 1];
    const under = next && (next.headingDepth === undefined || next.headingDepth > r.headingDepth);
    if (under && next.token?.time && !next.token.date) return;
    r.groupDate = undefined;
  });
}

function collectParagraph(node: RootContent, source: string, raw: RawEntry[]): void {
  const span = spanOf(node);
  let lineStart = span.start;
  const text = source.slice(span.start, span.end);
  for (const line of text.split(/(?<=\n)/)) {
    const lineSpan = { start: lineStart, end: lineStart + line.replace(/\r?\n$/, '').length };
    collectLine(node, lineSpan, lineSpan, source, raw);
    lineStart += line.length;
  }
}

function* collectList(list: List, source: string, raw: RawEntry[]): Steps<void> {
  const before = raw.length;
  const untimed: RawEntry[] = [];
  let read = 0;
  for (const item of list.children) {
    if (++read % ENTRIES_PER_STEP === 0) yield;
    const first = item.children[0];
    const firstSpan = first ? spanOf(first) : spanOf(item);
    const firstLineEnd = source.indexOf('\n', firstSpan.start);
    const lineSpan = { start: firstSpan.start, end: firstLineEnd === -1 || firstLineEnd > firstSpan.end ? firstSpan.end : firstLineEnd };
    const count = raw.length;
    collectLine(first ?? item, spanOf(item), lineSpan, source, raw);
    const added = raw[count];
    if (added?.groupDate) {
      // "- 2019-01-22" with the day's entries nested under it.
      for (const child of item.children) if (child.type === 'list') yield* collectList(child, source, raw);
      continue;
    }
    if (!added && !isNote(item, source)) untimed.push({ span: spanOf(item), timeSpan: lineSpan, text: itemText(item, source) });
  }
  // A list is a timeline when some of its items start with a time; then the others lack one.
  const timed = raw.slice(before).some((r) => r.token);
  if (!timed || untimed.length === 0) return;
  // Both in document order: merged, each untimed item after the entries that start before it
  // (inserting them one by one was quadratic in a list of thousands of items).
  const entries = raw.splice(before);
  let u = 0;
  for (const entry of entries) {
    while (u < untimed.length && untimed[u].span.start < entry.span.start) raw.push(untimed[u++]);
    raw.push(entry);
  }
  while (u < untimed.length) raw.push(untimed[u++]);
}

/** "**Note:** …", "NB: …": a remark between entries, not an entry without a time. */
function isNote(item: ListItem, source: string): boolean {
  return /^(?:notes?|nb|n\.b\.|fyi|aside|context|update|edit|ps)\s*:/i.test(itemText(item, source));
}

function itemText(item: ListItem, source: string): string {
  const first = item.children[0];
  return first ? runsText(textRuns(first, source)) : '';
}

/** The column of a timeline table that holds the times: the one headed time/date/when, else the first. */
export function timeColumn(table: Table): number {
  const found = columnIndex(table, TIME_COLUMN);
  return found < 0 ? 0 : found;
}

/** Rows of a table whose time column holds times; returns the zone its header states. */
function* collectTable(table: Table, raw: RawEntry[]): Steps<string | undefined> {
  const col = timeColumn(table);
  const rows: RawEntry[] = [];
  let timed = 0;
  let read = 0;
  for (const row of table.rows) {
    if (++read % ENTRIES_PER_STEP === 0) yield;
    if (isEmptyRow(row)) continue;
    const cell = row.cells[col];
    if (!cell) continue;
    const tokens = cell.runs.flatMap((r) => scanTimes(r.text, r.offset));
    // "2019-12-03 --:--": the day is known, the time is a placeholder.
    const token = tokens[0]?.date && !tokens[0].time && tokens[1]?.placeholder ? { ...tokens[1], date: tokens[0].date } : tokens[0];
    if (token && (token.time || token.date || token.placeholder)) timed++;
    const description = row.cells
      .filter((_, i) => i !== col)
      .map((c) => c.display)
      .filter((t) => t !== '')
      .join(' · ');
    rows.push({ span: row.span, timeSpan: token?.span ?? cell.span, token, text: description });
  }
  if (timed === 0) return undefined;
  for (const row of rows) raw.push(row);
  const header = table.header?.cells[col]?.text ?? '';
  return firstZone(ZONE_IN_TEXT, header);
}

/** The first match of `pattern` that is a zone (an IANA-looking word that Intl rejects is not). */
function firstZone(pattern: RegExp, text: string): string | undefined {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const zone = canonicalZone(m[1]);
    if (zone) return zone;
    pattern.lastIndex = m.index + 1;
  }
  return undefined;
}

function sentenceZone(root: Root, source: string): string | undefined {
  for (const node of root.children) {
    if (node.type !== 'paragraph' && node.type !== 'blockquote' && node.type !== 'list') continue;
    const zone = firstZone(ZONE_SENTENCE, runsText(textRuns(node, source)));
    if (zone) return zone;
  }
  return undefined;
}

function cleanDescription(text: string): string {
  return text.replace(/^[\s*_\]):|\u2013\u2014-]+/, '').replace(/\s+/g, ' ').trim();
}

/** Gives every entry its day and comparable minutes, allowing undated midnight crossings. */
function resolveEntries(raw: RawEntry[], statedZone: string | undefined): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let currentDate: CalendarDate | undefined;
  let dayShift = 0;
  let previousMinuteOfDay: number | undefined;
  let zone = statedZone;
  for (const r of raw) {
    if (r.groupDate) {
      currentDate = withYear(r.groupDate, currentDate);
      dayShift = 0;
      previousMinuteOfDay = undefined;
      continue;
    }
    const token = r.token;
    const entry: TimelineEntry = { span: r.span, timeSpan: r.timeSpan, token, text: r.text, precision: 'none' };
    if (token?.zone) zone = token.zone;
    entry.zone = zone;
    if (token?.date) {
      currentDate = rollYear(withYear(token.date, currentDate), currentDate);
      dayShift = 0;
      previousMinuteOfDay = undefined;
    }
    entry.date = currentDate;
    if (token?.time) {
      const minuteOfDay = token.time.hour * 60 + token.time.minute;
      if (!token.date && previousMinuteOfDay !== undefined && crossesMidnight(previousMinuteOfDay, minuteOfDay)) {
        dayShift++; // 23:55 then 00:10 with no date: the next day, not a step back
      }
      previousMinuteOfDay = minuteOfDay;
      const day = (currentDate ? dayNumber(currentDate) : 0) + dayShift;
      const local = day * MINUTES_PER_DAY + minuteOfDay;
      entry.minutes = local - (zoneOffset(zone, currentDate ? local * MINUTE_MS : undefined) ?? 0);
      entry.precision = 'minute';
    } else if (token?.date && currentDate) {
      entry.minutes = dayNumber(currentDate) * MINUTES_PER_DAY;
      entry.precision = 'day';
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Without dates, a step back from the evening to the early morning is the night passing, and so is
 * any step back of 12 hours or more (23:55 then 07:00): read forwards it is the shorter gap.
 */
function crossesMidnight(previous: number, current: number): boolean {
  if (current >= previous) return false;
  return (previous >= EVENING && current <= EARLY_MORNING) || previous - current >= 12 * 60;
}

/** `[12-05 …]` then `[03-20 …]` with no years: the new year, not nine months back. */
function rollYear(date: CalendarDate, previous: CalendarDate | undefined): CalendarDate {
  if (!previous || date.year !== undefined && previous.year !== undefined && date.year !== previous.year) return date;
  const prevYear = previous.year ?? FALLBACK_YEAR;
  const candidate = { ...date, year: date.year ?? prevYear };
  if (date.year === undefined && dayNumber(candidate) < dayNumber({ ...previous, year: prevYear }) - 183) {
    return { ...candidate, year: prevYear + 1 };
  }
  return date.year === undefined && previous.year === undefined ? date : candidate;
}

function withYear(date: CalendarDate, previous: CalendarDate | undefined): CalendarDate {
  if (date.year !== undefined || previous?.year === undefined) return date;
  return { ...date, year: previous.year };
}

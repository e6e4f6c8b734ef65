/**
 * A small lexer for the times and dates people write in post-mortems: 12- and 24-hour clocks,
 * ISO 8601 with zones or offsets, `MM-DD HH:MM`, month names, zone abbreviations, placeholders
 * (`--:--`, `[???]`, `HH:mm`). Unlike a date library it keeps what was written, its exact span,
 * and *why* a written time cannot exist (`16:04pm`, `25:10`, `2019-02-30`, `20202-01-16`),
 * which is what the rules report.
 */
import type { Span } from '../types';
import { DAY_MS, MINUTES_PER_DAY } from '../units';
import { ZONE_NAMES_PATTERN, zoneOffset } from './zones';

export interface CalendarDate {
  /** Absent when written without one (`03-26`, `Jan 14`). */
  year?: number;
  month: number;
  day: number;
}

export interface ClockTime {
  /** 0-23, already converted from a 12-hour clock. */
  hour: number;
  minute: number;
  second?: number;
}

export interface TimeToken {
  span: Span;
  text: string;
  date?: CalendarDate;
  time?: ClockTime;
  /** The zone as written (`UTC`, `PST`, `+02:00`, `Z`). */
  zone?: string;
  /** Minutes east of UTC, when the zone is known. */
  offsetMinutes?: number;
  /** Written with an am/pm marker. */
  twelveHour?: boolean;
  /** `--:--`, `???`, `HH:mm`: a time someone meant to fill in. */
  placeholder?: boolean;
  /** `10:45~`. */
  approximate?: boolean;
  /** Why the written date or time cannot exist; absent when it can. */
  invalid?: string;
  /** Which part is impossible. */
  invalidPart?: 'date' | 'time';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';

const DATE =
  `(?<isoY>\\d{4,5})-(?<isoM>\\d{1,2})-(?<isoD>\\d{1,2})` +
  `|(?<usM>\\d{1,2})/(?<usD>\\d{1,2})/(?<usY>\\d{4}|\\d{2})(?!\\d)` +
  `|(?<udM>\\d{1,2})-(?<udD>\\d{1,2})-(?<udY>\\d{4})(?!\\d)` +
  `|(?<monName>${MONTH})\\s+(?<monD>\\d{1,2})${ORDINAL}(?:,?\\s+(?<monY>\\d{4})(?!\\d|:))?` +
  `|(?<dmyD>\\d{1,2})${ORDINAL}\\s+(?<dmyName>${MONTH}),?\\s+(?<dmyY>\\d{4})(?!\\d|:)` +
  `|(?<mdM>\\d{1,2})-(?<mdD>\\d{1,2})(?=[ T]+\\d{1,2}:\\d{2})`;

const MERIDIEM = '(?:[ap]\\.m\\.?|[ap]m)(?![a-z])';
const TIME =
  `(?<h>\\d{1,2}):(?<min>\\d{2})(?::(?<sec>\\d{2})(?:\\.\\d+)?)?(?:\\s?(?<mer>${MERIDIEM}))?` +
  `|(?<h2>\\d{1,2})\\s?(?<mer2>${MERIDIEM})`;

const ZONE = `(?<zone>Z(?![A-Za-z])|(?:UTC|GMT)[+-]\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|(?:${ZONE_NAMES_PATTERN})(?![A-Za-z]))`;

const PLACEHOLDER =
  '(?<ph>--:--(?::--)?|\\?{3,}|(?:[Yy]{4}|20[Xx]{2})-[Mm]{2}-[Dd]{2}(?:[ T][Hh]{2}:[Mm]{2})?|\\b[Hh]{1,2}:[Mm]{2}(?::[Ss]{2})?\\b|\\b[Xx]{2}:[Xx]{2}\\b)';

const TOKEN = new RegExp(
  // Named groups may not repeat (Node 20), so a date and a time are each optional here and
  // toToken() drops a match that has neither.
  `${PLACEHOLDER}|(?<![\\w:.])(?:(?:${DATE})(?:(?:T|\\s*,\\s*|\\s+at\\s+|\\s+)(?=\\d{1,2}(?::\\d{2}|\\s?[ap]\\.?m)))?)?(?:${TIME})?(?:\\s?${ZONE})?(?<approx>~)?(?![\\w]|:\\d)`,
  'gi',
);

/** Every time, date and time placeholder in `text`; `baseOffset` is where `text` starts in the document. */
export function scanTimes(text: string, baseOffset = 0): TimeToken[] {
  const tokens: TimeToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m[0].length === 0) {
      TOKEN.lastIndex++;
      continue;
    }
    const token = toToken(m, baseOffset);
    if (token) tokens.push(token);
  }
  return tokens;
}

/**
 * The text as one date with its year and a time, nothing around it ("2020-01-21T15:36:00+01:00",
 * "2020-01-21 15:36 CET"): how the front matter's `incident.*` values are read, by validation,
 * metrics and the report alike.
 */
export function wholeDateTime(text: string): TimeToken | undefined {
  if (text.length > 64) return undefined;
  const [token, ...rest] = scanTimes(text);
  if (!token || rest.length > 0 || token.invalid || !token.time || token.date?.year === undefined) return undefined;
  return token.span.start === 0 && token.span.end === text.length ? token : undefined;
}

/** The first token of `text` when the text starts with it (after brackets, emphasis markers, bullets). */
export function leadingTime(text: string, baseOffset = 0): TimeToken | undefined {
  const lead = /^[\s[(*_>|-]*/.exec(text)?.[0].length ?? 0;
  const first = scanTimes(text.slice(lead, lead + 80), baseOffset + lead)[0];
  return first && first.span.start === baseOffset + lead ? first : undefined;
}

function toToken(m: RegExpExecArray, baseOffset: number): TimeToken | undefined {
  const g = m.groups ?? {};
  const token: TimeToken = { span: { start: baseOffset + m.index, end: baseOffset + m.index + m[0].length }, text: m[0] };
  if (g.ph !== undefined) {
    token.placeholder = true;
    return token;
  }
  const problems: string[] = [];
  const date = readDate(g, problems);
  if (date) token.date = date;
  if (problems.length) token.invalidPart = 'date';
  const time = readTime(g, problems);
  if (problems.length && !token.invalidPart) token.invalidPart = 'time';
  if (time) {
    token.time = time.time;
    token.twelveHour = time.twelveHour;
  }
  if (!token.date && !token.time && problems.length === 0) return undefined;
  if (g.zone) {
    token.zone = g.zone;
    token.offsetMinutes = zoneOffset(g.zone);
  }
  if (g.approx) token.approximate = true;
  if (problems.length) token.invalid = problems.join('; ');
  return token;
}

function readDate(g: Record<string, string | undefined>, problems: string[]): CalendarDate | undefined {
  let year: number | undefined;
  let month: number;
  let day: number;
  let yearText: string | undefined;
  if (g.isoY !== undefined) {
    yearText = g.isoY;
    month = Number(g.isoM);
    day = Number(g.isoD);
  } else if (g.usM !== undefined) {
    yearText = g.usY!.length === 2 ? `20${g.usY}` : g.usY;
    month = Number(g.usM);
    day = Number(g.usD);
  } else if (g.udM !== undefined) {
    yearText = g.udY;
    month = Number(g.udM);
    day = Number(g.udD);
  } else if (g.monName !== undefined) {
    yearText = g.monY;
    month = monthNumber(g.monName);
    day = Number(g.monD);
  } else if (g.dmyName !== undefined) {
    yearText = g.dmyY;
    month = monthNumber(g.dmyName);
    day = Number(g.dmyD);
  } else if (g.mdM !== undefined) {
    month = Number(g.mdM);
    day = Number(g.mdD);
  } else {
    return undefined;
  }
  if (yearText !== undefined) {
    year = Number(yearText);
    if (yearText.length !== 4) {
      problems.push(`the year ${yearText} has ${yearText.length} digits`);
      return undefined;
    }
  }
  if (month < 1 || month > 12) {
    problems.push(`there is no month ${month}`);
    return undefined;
  }
  const days = daysInMonth(year ?? 2000, month); // a leap year when unknown: Feb 29 may exist
  if (day < 1 || day > days) {
    problems.push(
      day < 1 ? `there is no day ${day}` : `${monthName(month)}${year !== undefined ? ` ${year}` : ''} has ${days} days`,
    );
    return undefined;
  }
  return year === undefined ? { month, day } : { year, month, day };
}

function readTime(
  g: Record<string, string | undefined>,
  problems: string[],
): { time: ClockTime; twelveHour: boolean } | undefined {
  const hourText = g.h ?? g.h2;
  if (hourText === undefined) return undefined;
  let hour = Number(hourText);
  const minute = g.min !== undefined ? Number(g.min) : 0;
  const second = g.sec !== undefined ? Number(g.sec) : undefined;
  const meridiem = (g.mer ?? g.mer2)?.toLowerCase().replace(/\./g, '');
  let ok = true;
  if (minute > 59) {
    problems.push(`there is no minute ${minute}`);
    ok = false;
  }
  if (second !== undefined && second > 59) {
    problems.push(`there is no second ${second}`);
    ok = false;
  }
  if (meridiem) {
    if (hour > 12) {
      problems.push(
        hour > 23
          ? `there is no hour ${hour}`
          : `hour ${hour} is past 12, so it cannot take “${meridiem}” (${hour - 12}:${String(minute).padStart(2, '0')}${meridiem} or ${hour}:${String(minute).padStart(2, '0')}?)`,
      );
      ok = false;
    } else if (hour === 0) {
      problems.push(`a 12-hour clock has no hour 0 ("12:${String(minute).padStart(2, '0')} ${meridiem}"?)`);
      ok = false;
    } else {
      hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
    }
  } else if (hour > 23 && !(hour === 24 && minute === 0)) {
    problems.push(`there is no hour ${hour}`);
    ok = false;
  }
  if (!ok) {
    // Keep the most plausible reading so ordering and windows still work around a typo (16:04pm → 16:04).
    if (hour <= 23 && minute <= 59) return { time: { hour, minute }, twelveHour: false };
    return undefined;
  }
  return { time: second === undefined ? { hour: hour % 24, minute } : { hour: hour % 24, minute, second }, twelveHour: !!meridiem };
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function monthName(month: number): string {
  return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a calendar date (a missing year reads as `fallbackYear`). */
export function dayNumber(date: CalendarDate, fallbackYear = 2000): number {
  return Math.floor(Date.UTC(date.year ?? fallbackYear, date.month - 1, date.day) / DAY_MS);
}

/** Minutes as "2 h 22 min", "40 min", "3 days 2 h". */
export function formatDuration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const days = Math.floor(m / MINUTES_PER_DAY);
  const hours = Math.floor((m % MINUTES_PER_DAY) / 60);
  const mins = m % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} h`);
  if (mins || parts.length === 0) parts.push(`${mins} min`);
  return parts.join(' ');
}

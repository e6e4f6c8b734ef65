/** `expires` values: a date (YYYY-MM-DD) or an RFC 3339 date-time. Times without a zone are UTC. */
import type { ExpiryState } from '../../../../contract/src/expiry';
import { quoteText } from '../quote';
import { DAY_MS, MINUTE_MS } from '../units';

export interface Expiry {
  date: Date;
  dateOnly: boolean;
  text: string;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;

export function parseExpiry(text: string): Expiry | { error: string } {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return { error: `"${quoteText(text)}" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ)` };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { error: `"${quoteText(text)}" has month ${mo}` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { error: `"${quoteText(text)}" is not a day of the calendar (${y}-${mo} has ${daysInMonth} days)` };
  if (h === undefined) return { date: new Date(Date.UTC(year, month - 1, day)), dateOnly: true, text };
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 60) return { error: `"${quoteText(text)}" has an impossible time of day` };
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = Number(digits.slice(2));
    if (zh > 23 || zm > 59) return { error: `"${quoteText(text)}" has an impossible time zone offset` };
    offsetMinutes = sign * (zh * 60 + zm);
  }
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hours, minutes, Math.min(seconds, 59), ms) - offsetMinutes * MINUTE_MS;
  return { date: new Date(utc), dateOnly: false, text };
}

function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days (UTC) from `now` to `expires`; negative once past. */
export function calendarDaysUntil(expires: Date, now: Date): number {
  return utcDay(expires) - utcDay(now);
}

/**
 * Whether an entry's `expires` and a certificate's notAfter disagree: more than a day apart, so
 * that a date-only `expires`, or one written in another zone, still agrees with the exact instant.
 */
export function expiresDisagrees(expires: Date, notAfter: Date): boolean {
  return Math.abs(notAfter.getTime() - expires.getTime()) > DAY_MS;
}

/** The editor's client shows the same states (ExpiryState is the contract's). */
export function expiryState(expires: Date, now: Date, warnDays: number): ExpiryState {
  if (expires.getTime() <= now.getTime()) return 'expired';
  if (expires.getTime() <= now.getTime() + warnDays * DAY_MS) return 'expiring';
  return 'valid';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Expires in 23 days · 2026-12-20", "Expires today", "Expired 3 days ago": the code lens title. */
export function describeExpiry(expires: Date, now: Date): string {
  const days = calendarDaysUntil(expires, now);
  const past = expires.getTime() <= now.getTime();
  if (days === 0) return past ? 'Expired today' : 'Expires today';
  if (past || days < 0) return `Expired ${plural(Math.max(1, -days), 'day')} ago`;
  return `Expires in ${plural(days, 'day')} · ${isoDay(expires)}`;
}

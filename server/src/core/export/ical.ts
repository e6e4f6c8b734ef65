/**
 * `export ical`: one all-day event per certificate on its expiry date with a reminder at the start
 * of its warn window, and one on the day automated renewal is due. RFC 5545 text (escaping,
 * folding at 75 octets) is ical-generator's; UIDs are stable so a re-export updates calendars.
 */
import ical, { ICalAlarmType } from 'ical-generator';
import { eventDescription, stableUid, type CalendarEntry } from './calendar';
import { DAY_MS } from '../units';

export interface IcalOptions {
  /** DTSTAMP of every event: when the calendar was written (`--now`). */
  now: Date;
  /** The calendar's name as clients show it. */
  name: string;
}

/** Repository text goes into the calendar; control characters would make it invalid, and a name can be long. */
const MAX_FIELD_CHARS = 500;
const MAX_DESCRIPTION_CHARS = 4000;

/** One line: every control character a space (a name's line break too), long text cut. */
function clean(text: string, max = MAX_FIELD_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A description keeps its lines, each cleaned; long text cut. */
function cleanLines(text: string): string {
  const joined = text.split('\n').map((line) => clean(line, MAX_DESCRIPTION_CHARS)).join('\n');
  return joined.length > MAX_DESCRIPTION_CHARS ? `${joined.slice(0, MAX_DESCRIPTION_CHARS - 1)}…` : joined;
}

/** The UTC day of `date` as a date-only value (all-day events have no time and no zone). */
function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function icalExport(entries: CalendarEntry[], options: IcalOptions): string {
  const calendar = ical({ name: clean(options.name), prodId: { company: 'incident-docs', product: 'export-ical', language: 'EN' } });
  for (const entry of entries) {
    const title = clean(entry.title);
    const expiry = calendar.createEvent({
      id: stableUid(entry, 'expiry'),
      start: utcDay(entry.expires),
      allDay: true,
      stamp: options.now,
      summary: `Certificate expires: ${title}`,
      description: cleanLines(eventDescription(entry, 'expiry')),
      url: entry.sop && isWebLink(entry.sop) ? clean(entry.sop) : undefined,
    });
    // All-day events start at 00:00 of their day: the reminder is warnDays before that.
    expiry.createAlarm({ type: ICalAlarmType.display, trigger: (entry.warnDays * DAY_MS) / 1000, description: `Certificate ${title} expires in ${entry.warnDays} days` });
    if (entry.renewalDue) {
      calendar.createEvent({
        id: stableUid(entry, 'renewal'),
        start: utcDay(entry.renewalDue),
        allDay: true,
        stamp: options.now,
        summary: `Certificate renewal due: ${title}`,
        description: cleanLines(eventDescription(entry, 'renewal')),
        url: entry.sop && isWebLink(entry.sop) ? clean(entry.sop) : undefined,
      });
    }
  }
  return calendar.toString();
}

function isWebLink(text: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(text);
}

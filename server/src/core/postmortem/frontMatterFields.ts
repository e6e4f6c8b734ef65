/**
 * The front-matter fields every post-mortem may give, as a JSON Schema (draft-07) built from the
 * settings: `severity` takes the configured severities. Descriptions are what hover shows.
 */
import type { Config } from '../config';

export const STATUSES = ['draft', 'in-review', 'reviewed', 'published'] as const;
/** The statuses of a post-mortem whose review is not done yet. */
export const UNREVIEWED_STATUSES: readonly string[] = ['draft', 'in-review'];
export const INCIDENT_TIMES = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;

/** Formats of the built-in fields (registered with the validator under these names). */
export const DATE_FORMAT = 'incident-date';
export const DATE_TIME_FORMAT = 'incident-date-time';

type Schema = Record<string, unknown>;

const textList = (what: string, items: Schema = { type: 'string' }): Schema => ({
  type: ['array', 'string'],
  items,
  description: what,
});

const INCIDENT_TIME_DESCRIPTIONS: Record<(typeof INCIDENT_TIMES)[number], string> = {
  started: 'When the incident began (its impact, not when anyone noticed).',
  detected: 'When someone or something (an alert) first noticed it.',
  acknowledged: 'When a responder took it on.',
  mitigated: 'When the impact stopped, even if the cause was still there.',
  resolved: 'When it was over: the fix in place, nothing left to watch.',
};

/** Keys the timeline already reads for its time zone (model.ts): known, never "did you mean". */
export const ZONE_KEYS = ['timezone', 'time_zone', 'tz'] as const;

/**
 * The built-in fields. Nothing is required and other keys are allowed: teams keep their own keys
 * (a site generator's `layout`, `tags`), and declare them in `frontMatterSchema` to have them checked.
 */
export function builtInSchema(config: Pick<Config, 'severities'>): Schema {
  const severity: Schema = { type: 'string', description: `How bad the incident was${config.severities.length ? `: ${config.severities.join(', ')} (the \`severities\` setting)` : ''}.` };
  if (config.severities.length) severity.enum = [...config.severities];
  const incident: Schema = {
    type: 'object',
    description: 'The moments of the incident, as dates and times (2026-03-02T14:05:00Z); the incident metrics are measured from them.',
    properties: Object.fromEntries(
      INCIDENT_TIMES.map((key) => [key, { type: 'string', format: DATE_TIME_FORMAT, description: INCIDENT_TIME_DESCRIPTIONS[key] }]),
    ),
  };
  const zone = { type: 'string', description: 'The time zone of the timeline’s times (UTC, Europe/Berlin, +01:00) when the timeline does not say.' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      title: { type: 'string', description: 'The post-mortem’s title: what broke, where.' },
      date: { type: 'string', format: DATE_FORMAT, description: 'The day of the incident (2026-03-02); a time may follow.' },
      status: { type: 'string', enum: [...STATUSES], description: `Where the post-mortem stands: ${STATUSES.join(', ')}.` },
      severity,
      authors: textList('Who wrote the post-mortem: a list of names (or one).'),
      incident,
      services: textList('The services the incident affected: a list (or one).'),
      tickets: textList('Tickets of the incident and its follow-ups: a list of keys or links (or one).', { type: ['string', 'number'] }),
      ...Object.fromEntries(ZONE_KEYS.map((key) => [key, zone])),
    },
  };
}

/** A post-mortem's date: `2026-03-02`, optionally followed by a time (`2020-08-18 18:03:33.807000`). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** A moment: a date and a time, with seconds, fraction and zone optional (a timeline's zone applies then). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  return !!m && validDay(+m[1], +m[2], +m[3]) && (!m[0].includes(':') || isDateTime(text));
}

/** A date and a time (the zone optional); a date alone is not a moment of the incident. */
export function isDateTime(text: string): boolean {
  return DATE_TIME.test(text.trim()) && parseDateTime(text) !== undefined;
}

/** The moment a date or date-time names (UTC when it gives no zone; midnight for a date); undefined when it is none. */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    return day && validDay(+day[1], +day[2], +day[3]) ? new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])) : undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (!validDay(+y, +mo, +d) || +h > 23 || +mi > 59 || (s !== undefined && +s > 59)) return undefined;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0, ms);
  return new Date(utc - zoneMinutes(zone) * 60_000);
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || /^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + (m[3] ? +m[3] : 0));
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Offsets (minutes east of UTC) of the zone names post-mortems use. Abbreviations are ambiguous in
 *  general (IST, CST); these are the readings SRE documents in English mean almost always. */
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0,
  BST: 60, CET: 60, WEST: 60, MET: 60,
  CEST: 120, EET: 120, SAST: 120, MEST: 120,
  EEST: 180, MSK: 180,
  IST: 330,
  SGT: 480, HKT: 480, AWST: 480,
  JST: 540, KST: 540,
  AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  NST: -210, NDT: -150,
  AST: -240, ADT: -180,
  EST: -300, EDT: -240, ET: -300,
  CST: -360, CDT: -300, CT: -360,
  MST: -420, MDT: -360, MT: -420,
  PST: -480, PDT: -420, PT: -480,
  AKST: -540, AKDT: -480,
  HST: -600,
};

/** Alternation for regular expressions, longest first so CEST wins over CET. */
export const ZONE_NAMES_PATTERN = Object.keys(ZONE_OFFSETS)
  .filter((z) => z !== 'Z')
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * Zone names written out: IANA names (`America/Los_Angeles`, `US/Pacific`, `Europe/Copenhagen`,
 * validated by Intl, never by a list of our own) and the North American words (`Pacific`,
 * `Eastern Time`). A candidate only: canonicalZone() says whether it is one.
 */
export const NAMED_ZONE_PATTERN =
  '[A-Z][A-Za-z_]{1,30}(?:/[A-Za-z_+-]{1,30}){1,2}|(?:Pacific|Eastern|Central|Mountain)(?:[ \\t]+(?:Standard|Daylight))?(?:[ \\t]+Time)?';

const REGION_WORDS: Record<string, string> = {
  pacific: 'America/Los_Angeles',
  mountain: 'America/Denver',
  central: 'America/Chicago',
  eastern: 'America/New_York',
};

/** The zone as an IANA name or abbreviation we can compute with, or undefined when it is none. */
export function canonicalZone(written: string): string | undefined {
  const z = written.trim();
  if (z.toUpperCase() in ZONE_OFFSETS || /^(?:UTC|GMT)?\s*[+-]\d/i.test(z)) return z;
  const word = /^(pacific|eastern|central|mountain)\b/i.exec(z)?.[1];
  if (word) return REGION_WORDS[word.toLowerCase()];
  return z.includes('/') && ianaFormatter(z) ? z : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Intl's own judgment of an IANA name (aliases like US/Pacific included); cached per name. */
function ianaFormatter(zone: string): Intl.DateTimeFormat | undefined {
  if (!formatters.has(zone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      f = null;
    }
    if (formatters.size < 500) formatters.set(zone, f);
    else return f ?? undefined;
  }
  return formatters.get(zone) ?? undefined;
}

/** Jan 1 2000 noon UTC: the instant an IANA zone's offset is read at when the day is unknown. */
const DEFAULT_INSTANT = Date.UTC(2000, 0, 1, 12);

/**
 * Offset of a written zone: an abbreviation, `Z`, `+02:00`, `-0700`, `UTC+2`, `UTC-7`, or an IANA
 * name at `atMs` (daylight saving time depends on the day).
 */
export function zoneOffset(zone: string | undefined, atMs = DEFAULT_INSTANT): number | undefined {
  if (!zone) return undefined;
  const z = zone.trim().toUpperCase();
  if (z in ZONE_OFFSETS) return ZONE_OFFSETS[z];
  if (zone.includes('/')) return ianaOffset(zone.trim(), atMs);
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function ianaOffset(zone: string, atMs: number): number | undefined {
  const f = ianaFormatter(zone);
  if (!f || !Number.isFinite(atMs)) return undefined;
  const name = f.formatToParts(new Date(atMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (name === 'GMT') return 0;
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

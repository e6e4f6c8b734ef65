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

/** Offset of a written zone: an abbreviation, `Z`, `+02:00`, `-0700`, `UTC+2`, `UTC-7`. */
export function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  const z = zone.trim().toUpperCase();
  if (z in ZONE_OFFSETS) return ZONE_OFFSETS[z];
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

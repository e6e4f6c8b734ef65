import { DAY_MS, HOUR_MS, MINUTE_MS } from '../units';

/** Go `time.ParseDuration` strings as cert-manager uses them: "2160h", "720h0m0s", "1h30m". */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: MINUTE_MS,
  h: HOUR_MS,
};
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|\u03BCs|ms|s|m|h)/y;

/** Milliseconds, or undefined when the text is not a Go duration (templated values included). */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  let i = 0;
  let total = 0;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (i >= s.length) return undefined;
  while (i < s.length) {
    PART.lastIndex = i;
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
    i = PART.lastIndex;
  }
  return sign * total;
}

/** cert-manager's default Certificate duration: 90 days. */
export const DEFAULT_CERT_DURATION_MS = 90 * DAY_MS;

export function formatHours(ms: number): string {
  const hours = ms / HOUR_MS;
  const days = hours / 24;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)}h (${Number.isInteger(days) ? days : days.toFixed(1)} days)`;
}

/**
 * `lifetime` values and the shares of a lifetime the settings speak in: whole days ("90d",
 * "47d") or a Go duration as cert-manager writes it ("2160h", "720h0m0s").
 */
import { quoteText } from '../quote';
import { DAY_MS } from '../units';
import { parseGoDuration } from './duration';

const WHOLE_DAYS = /^(\d{1,6})d$/;

/** Milliseconds, or a problem in words. */
export function parseLifetime(text: string): number | { error: string } {
  const trimmed = text.trim();
  const days = WHOLE_DAYS.exec(trimmed);
  const ms = days ? Number(days[1]) * DAY_MS : parseGoDuration(trimmed);
  if (ms === undefined) return { error: `"${quoteText(text)}" is not a lifetime: write days (90d, 47d) or hours (2160h)` };
  if (!(ms > 0)) return { error: `"${quoteText(text)}" is not a positive lifetime` };
  return ms;
}

/** Days of a lifetime, for messages: whole days when it is one, else one decimal. */
export function lifetimeDays(ms: number): string {
  const days = ms / DAY_MS;
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

/** "2/3", "1/3", "1/2" when a share is such a fraction (what settings default to), else "75%". */
export function describeShare(share: number): string {
  for (let d = 2; d <= 10; d++) {
    const n = Math.round(share * d);
    if (n > 0 && n < d && Math.abs(share - n / d) < 1e-9) return `${n}/${d}`;
  }
  return `${Math.round(share * 100)}%`;
}

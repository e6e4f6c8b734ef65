import { firstAtOrAfter } from './text';

/** Units of time, each written once. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Timelines count in minutes (since 1970-01-01, UTC). */
export const MINUTES_PER_DAY = 24 * 60;

/**
 * Clock times (minutes of the day) to ask "is any within `tolerance` of this one, around the
 * clock?" many times: sorted once, each question a binary search (the nearest lie beside where it
 * would go, or across midnight at the ends), not a scan of them all.
 */
export class ClockTimes {
  private readonly sorted: number[];

  constructor(minutes: readonly number[]) {
    this.sorted = minutes.map((m) => ((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY).sort((a, b) => a - b);
  }

  /** Whether a time lies within `tolerance` minutes of `clock`, either way around the clock. */
  near(clock: number, tolerance: number): boolean {
    const times = this.sorted;
    if (times.length === 0) return false;
    const at = ((clock % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    const low = firstAtOrAfter(times, at);
    const around = (t: number) => {
      const d = Math.abs(t - at);
      return Math.min(d, MINUTES_PER_DAY - d) <= tolerance;
    };
    return (low < times.length && around(times[low])) || (low > 0 && around(times[low - 1])) || around(times[0]) || around(times[times.length - 1]);
  }
}

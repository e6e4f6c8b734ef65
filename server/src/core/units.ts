/** Units of time, each written once. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Timelines count in minutes (since 1970-01-01, UTC). */
export const MINUTES_PER_DAY = 24 * 60;

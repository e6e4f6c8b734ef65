/**
 * The longest lifetime a publicly trusted TLS certificate may have, by the date it was issued:
 * the CA/Browser Forum's Baseline Requirements, ballot SC-081v3. Private CAs are not bound.
 */
import { DAY_MS } from '../units';

export interface LifetimeLimit {
  /** Certificates issued on or after this instant (UTC)... */
  from: Date;
  /** ...may be valid for at most this many days. */
  days: number;
}

/** Newest last. Before the first `from`, 398 days (the limit since 2020-09-01). */
export const LIFETIME_LIMITS: readonly LifetimeLimit[] = [
  { from: new Date('2020-09-01T00:00:00Z'), days: 398 },
  { from: new Date('2026-03-15T00:00:00Z'), days: 200 },
  { from: new Date('2027-03-15T00:00:00Z'), days: 100 },
  { from: new Date('2029-03-15T00:00:00Z'), days: 47 },
];

/** The limit in force on `issued`; undefined before the first limit of the table. */
export function lifetimeLimitOn(issued: Date): LifetimeLimit | undefined {
  let found: LifetimeLimit | undefined;
  for (const limit of LIFETIME_LIMITS) if (issued.getTime() >= limit.from.getTime()) found = limit;
  return found;
}

/**
 * Whether a lifetime exceeds a limit. The Baseline Requirements count the validity period
 * inclusively (notAfter − notBefore + 1 s), so a certificate of exactly N days plus a second is
 * the first one over an N-day limit; a second's slack keeps one of exactly N days within it.
 */
export function exceedsLimit(lifetimeMs: number, limit: LifetimeLimit): boolean {
  return lifetimeMs > limit.days * DAY_MS + 1000;
}

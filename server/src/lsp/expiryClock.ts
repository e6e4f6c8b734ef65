/**
 * The server's one "now" for expiry. Diagnostics, code lenses, hovers and the Certificates view
 * (inventoryEntries) all count days from it, so they cannot disagree; and when the UTC day turns
 * (the calendar-day count of every entry changes), listeners re-validate and tell the client,
 * instead of each keeping the day it last computed (an editor once showed 334 days beside 335).
 */
import { DAY_MS, MINUTE_MS } from '../core/units';

/** After midnight, so a timer that fires a little early still lands in the new day. */
const MARGIN_MS = 1_000;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class ExpiryClock {
  private timer: unknown;
  private day: number;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly clock: () => Date,
    /** A fixed clock (tests) never changes day: no timer. */
    private readonly fixed: boolean,
    private readonly timers: Timers = NODE_TIMERS,
  ) {
    this.day = utcDay(clock());
  }

  /**
   * The current minute: consecutive versions of a document share it, so an edit keeps the
   * findings of the entries it did not touch.
   */
  now(): Date {
    return new Date(Math.floor(this.clock().getTime() / MINUTE_MS) * MINUTE_MS);
  }

  /** Calls `listener` each time the UTC day turns. */
  onNewDay(listener: () => void): void {
    this.listeners.push(listener);
    if (!this.fixed && this.timer === undefined) this.schedule();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.listeners.length = 0;
  }

  private schedule(): void {
    const now = this.clock().getTime();
    const next = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
    this.timer = this.timers.set(() => this.tick(), next - now + MARGIN_MS);
  }

  private tick(): void {
    this.timer = undefined;
    const day = utcDay(this.clock());
    // Early (a clock set back) or late (a machine asleep past midnight): judged by the day, not the timer.
    if (day !== this.day) {
      this.day = day;
      for (const listener of [...this.listeners]) listener();
    }
    if (this.listeners.length > 0) this.schedule();
  }
}

function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/**
 * One "now" for every expiry answer, and a signal when the UTC day turns: with a clock and timers
 * the test moves by hand (in-process: a real midnight cannot be waited for).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExpiryClock, type Timers } from '../../server/src/lsp/expiryClock';

/** A clock and timers under the test's control: `advance` moves the time and fires what is due. */
function manualTime(start: string) {
  let now = Date.parse(start);
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const fake: Timers = {
    set: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clear: (handle) => void timers.delete(handle as number),
  };
  return {
    clock: () => new Date(now),
    timers: fake,
    pending: () => [...timers.values()].map((t) => new Date(t.at).toISOString()),
    advance(to: string) {
      now = Date.parse(to);
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        timers.delete(id);
        t.callback();
      }
    },
    /** Fires every timer whatever the clock says (the wall clock was set back after they were set). */
    fireAll() {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.callback();
    },
    set(to: string) {
      now = Date.parse(to);
    },
  };
}

describe('expiry clock', () => {
  test('now is the current minute', () => {
    const time = manualTime('2026-11-27T23:58:41.250Z');
    const clock = new ExpiryClock(time.clock, false, time.timers);
    assert.equal(clock.now().toISOString(), '2026-11-27T23:58:00.000Z');
  });

  test('listeners hear each UTC midnight once, just after it', () => {
    const time = manualTime('2026-11-27T22:00:00Z');
    const clock = new ExpiryClock(time.clock, false, time.timers);
    const heard: string[] = [];
    clock.onNewDay(() => heard.push(clock.now().toISOString()));
    assert.deepEqual(time.pending(), ['2026-11-28T00:00:01.000Z']);
    time.advance('2026-11-27T23:59:59Z');
    assert.deepEqual(heard, []);
    time.advance('2026-11-28T00:00:01Z');
    assert.deepEqual(heard, ['2026-11-28T00:00:00.000Z']);
    assert.deepEqual(time.pending(), ['2026-11-29T00:00:01.000Z'], 'and the next midnight is awaited');
    clock.dispose();
    assert.deepEqual(time.pending(), []);
  });

  test('a timer that fires while the day has not turned (clock set back) waits for the real midnight', () => {
    const time = manualTime('2026-11-27T23:00:00Z');
    const clock = new ExpiryClock(time.clock, false, time.timers);
    let heard = 0;
    clock.onNewDay(() => heard++);
    time.set('2026-11-27T12:00:00Z');
    time.fireAll();
    assert.equal(heard, 0, 'still the same day');
    assert.deepEqual(time.pending(), ['2026-11-28T00:00:01.000Z']);
    time.advance('2026-11-28T00:00:01Z');
    assert.equal(heard, 1);
  });

  test('a machine asleep over several midnights hears one change when it wakes', () => {
    const time = manualTime('2026-11-27T23:00:00Z');
    const clock = new ExpiryClock(time.clock, false, time.timers);
    let heard = 0;
    clock.onNewDay(() => heard++);
    time.advance('2026-11-30T08:00:00Z');
    assert.equal(heard, 1);
    assert.deepEqual(time.pending(), ['2026-12-01T00:00:01.000Z']);
  });

  test('a fixed clock (tests) never turns: no timer', () => {
    const time = manualTime('2026-11-27T23:00:00Z');
    const clock = new ExpiryClock(time.clock, true, time.timers);
    clock.onNewDay(() => assert.fail('a fixed clock does not change day'));
    assert.deepEqual(time.pending(), []);
  });
});

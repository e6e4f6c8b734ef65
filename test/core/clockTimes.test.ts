/** ClockTimes (core/units.ts): a binary search must answer as a scan of every time does, around midnight too. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ClockTimes, MINUTES_PER_DAY } from '../../server/src/core/units';

const scan = (times: number[], clock: number, tolerance: number) =>
  times.some((t) => {
    const d = Math.abs(t - clock);
    return Math.min(d, MINUTES_PER_DAY - d) <= tolerance;
  });

test('ClockTimes.near agrees with a scan of all the times', () => {
  let near = 0;
  fc.assert(
    fc.property(fc.array(fc.nat({ max: MINUTES_PER_DAY - 1 }), { maxLength: 30 }), fc.nat({ max: MINUTES_PER_DAY - 1 }), fc.nat({ max: 120 }), (times, clock, tolerance) => {
      const expected = scan(times, clock, tolerance);
      if (expected) near++;
      assert.equal(new ClockTimes(times).near(clock, tolerance), expected);
    }),
    { numRuns: 2000, seed: 41 },
  );
  assert.ok(near > 200, `only ${near} near`);
  assert.equal(new ClockTimes([5]).near(MINUTES_PER_DAY - 3, 10), true, 'across midnight');
  assert.equal(new ClockTimes([MINUTES_PER_DAY - 2]).near(4, 10), true, 'across midnight, the other way');
});

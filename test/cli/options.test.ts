import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseMaxWarnings, parseNow, parseRuleOverride, ruleOverridesToRules } from '../../server/src/cli/options';

describe('parseNow', () => {
  it('reads a date alone as midnight UTC', () => {
    assert.equal(parseNow('2026-11-27').toISOString(), '2026-11-27T00:00:00.000Z');
  });

  it('reads date-times with Z, offsets and fractions', () => {
    assert.equal(parseNow('2026-11-27T12:00:00Z').toISOString(), '2026-11-27T12:00:00.000Z');
    assert.equal(parseNow('2026-11-27T12:00:00+02:00').toISOString(), '2026-11-27T10:00:00.000Z');
    assert.equal(parseNow('2026-11-27T12:00Z').toISOString(), '2026-11-27T12:00:00.000Z');
    assert.equal(parseNow('2026-11-27T12:00:00.250Z').toISOString(), '2026-11-27T12:00:00.250Z');
  });

  it('reads a date-time without offset as local time', () => {
    assert.equal(parseNow('2026-11-27T12:00:00').getTime(), new Date(2026, 10, 27, 12, 0, 0).getTime());
  });

  for (const bad of ['tomorrow', '27/11/2026', '2026-11-27T12', '20202-01-16', '2019-02-30', '2026-13-01', '2026-11-27T25:10:00Z', '2026-11-27T12:61:00Z', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseNow(bad), InvalidArgumentError);
    });
  }

  it('accepts 29 February only in leap years', () => {
    assert.equal(parseNow('2024-02-29').toISOString(), '2024-02-29T00:00:00.000Z');
    assert.throws(() => parseNow('2026-02-29'), InvalidArgumentError);
  });
});

describe('parseRuleOverride', () => {
  it('collects repeated overrides, the last one winning', () => {
    const first = parseRuleOverride('pm/empty-row=off');
    const both = parseRuleOverride('pm/empty-row=error', first);
    assert.deepEqual(both, [
      { rule: 'pm/empty-row', level: 'off' },
      { rule: 'pm/empty-row', level: 'error' },
    ]);
    assert.deepEqual(ruleOverridesToRules(both), { 'pm/empty-row': 'error' });
  });

  it('accepts several comma-separated overrides and the level aliases', () => {
    assert.deepEqual(parseRuleOverride('pm/a=warn, pm/b=information,pm/c=HINT'), [
      { rule: 'pm/a', level: 'warning' },
      { rule: 'pm/b', level: 'info' },
      { rule: 'pm/c', level: 'hint' },
    ]);
  });

  for (const bad of ['pm/empty-row', '=off', 'pm/empty-row=loud', 'pm/empty-row=', ',']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseRuleOverride(bad), InvalidArgumentError);
    });
  }
});

describe('parseMaxWarnings', () => {
  it('reads whole numbers', () => {
    assert.equal(parseMaxWarnings('0'), 0);
    assert.equal(parseMaxWarnings('12'), 12);
  });

  for (const bad of ['-1', '1.5', 'ten', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseMaxWarnings(bad), InvalidArgumentError);
    });
  }
});

/**
 * Parsers for lint options. Each throws commander's InvalidArgumentError, so commander reports
 * "error: option '--now <iso>' argument 'x' is invalid. <reason>" and main.ts exits with 2.
 * The commands' options load these at start-up, so nothing here reaches into the core.
 */
import { InvalidArgumentError } from 'commander';
import type { RuleLevel } from '../core/types';

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * `--now`: an ISO 8601 date or date-time. A date alone means midnight UTC; a date-time without an
 * offset is local time (as JavaScript reads it). Impossible dates (2019-02-30) are refused rather
 * than rolled over into the next month.
 */
export function parseNow(value: string): Date {
  const m = ISO_8601.exec(value.trim());
  if (!m) throw new InvalidArgumentError('Expected an ISO 8601 date or date-time, e.g. 2026-11-27 or 2026-11-27T12:00:00Z.');
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = m;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) {
    throw new InvalidArgumentError(`${year}-${month}-${day} is not a date.`);
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    throw new InvalidArgumentError(`${hour}:${minute}:${second} is not a time of day.`);
  }
  const date = new Date(value.trim().replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('Not a date-time JavaScript can read.');
  return date;
}

const LEVEL_ALIASES: Record<string, RuleLevel> = {
  off: 'off',
  hint: 'hint',
  info: 'info',
  information: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

export interface RuleOverride {
  rule: string;
  level: RuleLevel;
}

/** `--rule pm/empty-row=off`; may be repeated, and one value may hold several: `a=off,b=error`. */
export function parseRuleOverride(value: string, previous: RuleOverride[] = []): RuleOverride[] {
  const parsed = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.lastIndexOf('=');
      const rule = eq > 0 ? part.slice(0, eq).trim() : '';
      const level = LEVEL_ALIASES[part.slice(eq + 1).trim().toLowerCase()];
      if (!rule || eq < 0) throw new InvalidArgumentError(`Expected RULE=LEVEL, e.g. pm/empty-row=off; got "${part}".`);
      if (!level) throw new InvalidArgumentError(`Level of "${rule}" must be off, hint, info, warning or error.`);
      return { rule, level };
    });
  if (parsed.length === 0) throw new InvalidArgumentError('Expected RULE=LEVEL, e.g. pm/empty-row=off.');
  return [...previous, ...parsed];
}

/** Turns the repeated overrides into the `rules` mapping of a config layer; the last one wins. */
export function ruleOverridesToRules(overrides: RuleOverride[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const { rule, level } of overrides) rules[rule] = level;
  return rules;
}

/** `--max-warnings N`: a non-negative integer. */
export function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number of warnings, 0 or more.');
  return Number(value.trim());
}

/** `--concurrency N`, `--timeout MS`: a whole number above 0. */
export function parsePositive(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError('Expected a whole number above 0.');
  return Number(value.trim());
}

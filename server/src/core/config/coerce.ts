/** One raw value of one layer checked against its setting's type; a problem in words when it does not fit. */
import { describeValue, quoteText } from '../quote';
import type { RuleLevel } from '../types';
import { checkUserPatterns } from '../userPatterns';
import type { SettingDescriptor, SettingType } from './settings';
import type { RequiredSection } from './types';

const LEVELS = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** What each type of setting expects, as the problem says it. */
const EXPECTED: Record<SettingType, string> = {
  boolean: 'true or false',
  number: 'a number of 0 or more',
  string: 'text',
  'string[]': 'a list of text values',
  rules: 'a mapping of rule ids to levels',
  requiredSections: 'a list of section names or {name, aliases}',
  wordLists: 'a mapping of names to lists of words',
  daysByName: 'a mapping of names to numbers of days (0 or more)',
};

export function coerce(d: SettingDescriptor, raw: unknown, source: string, problems: string[]): unknown {
  const where = `${source}: "${d.key}"`;
  switch (d.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      break;
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
      break;
    case 'string':
      if (typeof raw === 'string') return raw;
      break;
    case 'string[]': {
      if (!Array.isArray(raw)) break;
      const other = raw.findIndex((v) => typeof v !== 'string');
      if (other >= 0) {
        problems.push(`${where} expects ${EXPECTED[d.type]}, but item ${other + 1} is ${describe(raw[other])}`);
        return undefined;
      }
      return d.key.endsWith('Patterns') ? checkUserPatterns(raw as string[], where, problems) : raw;
    }
    case 'rules':
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        const out: Record<string, RuleLevel> = {};
        for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
          const normalized = level === 'warn' ? 'warning' : level === 'information' ? 'info' : level;
          if (typeof normalized === 'string' && LEVELS.has(normalized)) out[id] = normalized as RuleLevel;
          else problems.push(`${where}: rule "${quoteText(id)}" has level ${describeValue(level)}; use off, hint, info, warning or error`);
        }
        return out;
      }
      break;
    case 'daysByName':
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        const out: Record<string, number> = {};
        for (const [name, days] of Object.entries(raw as Record<string, unknown>)) {
          if (typeof days === 'number' && Number.isFinite(days) && days >= 0) out[name] = days;
          else problems.push(`${where}: "${quoteText(name)}" has ${describe(days)}; expected a number of days (0 or more)`);
        }
        return out;
      }
      break;
    case 'requiredSections':
      if (Array.isArray(raw)) {
        const out: RequiredSection[] = [];
        for (const item of raw) {
          if (typeof item === 'string' && item.trim()) out.push({ name: item, aliases: [] });
          else if (item && typeof item === 'object' && typeof (item as RequiredSection).name === 'string') {
            const aliases = (item as RequiredSection).aliases;
            out.push({
              name: (item as RequiredSection).name,
              aliases: Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [],
            });
          } else problems.push(`${where}: ignored entry ${describe(item)}; expected a name or {name, aliases}`);
        }
        return out;
      }
      break;
    case 'wordLists':
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return wordLists(d, raw as Record<string, unknown>, where, problems);
      break;
  }
  problems.push(`${where} expects ${EXPECTED[d.type]}, got ${describe(raw)}`);
  return undefined;
}

/** `{detected: [detected, paged], resolved: resolved}`: the keys given, each a list of words (one word alone is a list of one). */
function wordLists(d: SettingDescriptor, raw: Record<string, unknown>, where: string, problems: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!d.keys?.includes(key)) {
      problems.push(`${where}: unknown key "${quoteText(key)}"; use ${d.keys?.join(', ')}`);
      continue;
    }
    const list = typeof value === 'string' ? [value] : value;
    const other = Array.isArray(list) ? list.findIndex((w) => typeof w !== 'string') : -1;
    if (!Array.isArray(list)) problems.push(`${where}: "${quoteText(key)}" expects a list of words, got ${describe(value)}`);
    else if (other >= 0) problems.push(`${where}: "${quoteText(key)}" expects a list of words, but item ${other + 1} is ${describe(list[other])}`);
    else out[key] = (list as string[]).map((w) => w.trim()).filter((w) => w !== '');
  }
  return out;
}

/** A raw setting value in a problem: `-3`, `the text "thirty"`, `a list`, never the whole of a long value. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return `the text ${describeValue(v)}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return `the number ${v}`;
  return describeValue(v) === 'empty' ? 'nothing' : describeValue(v);
}

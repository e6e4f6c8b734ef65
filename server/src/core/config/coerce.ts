/** One raw value of one layer checked against its setting's type; a problem in words when it does not fit. */
import type { RuleLevel } from '../types';
import type { SettingDescriptor } from './settings';
import type { RequiredSection } from './types';

const LEVELS = new Set(['off', 'hint', 'info', 'warning', 'error']);

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
    case 'string[]':
      if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) {
        if (d.key.endsWith('Patterns')) return validPatterns(raw as string[], where, problems);
        return raw;
      }
      break;
    case 'rules':
      if (typeof raw === 'object' && !Array.isArray(raw)) {
        const out: Record<string, RuleLevel> = {};
        for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
          const normalized = level === 'warn' ? 'warning' : level === 'information' ? 'info' : level;
          if (typeof normalized === 'string' && LEVELS.has(normalized)) out[id] = normalized as RuleLevel;
          else problems.push(`${where}: rule "${id}" has level ${describe(level)}; use off, hint, info, warning or error`);
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
  }
  problems.push(`${where} expects ${d.type === 'rules' ? 'a mapping of rule ids to levels' : d.type}, got ${describe(raw)}`);
  return undefined;
}

function validPatterns(patterns: string[], where: string, problems: string[]): string[] {
  return patterns.filter((p) => {
    try {
      new RegExp(p);
      return true;
    } catch (e) {
      problems.push(`${where}: ignored invalid regular expression ${JSON.stringify(p)} (${(e as Error).message})`);
      return false;
    }
  });
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

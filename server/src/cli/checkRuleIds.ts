import { distance } from 'fastest-levenshtein';
import { ruleIds } from '../core/ruleReference';
import { CliError } from './errors';
import type { RuleOverride } from './options';

/** A misspelt --rule would silently do nothing; in CI that hides findings, so refuse it. */
export function checkRuleIds(overrides: RuleOverride[], option = '--rule'): void {
  const known = ruleIds();
  for (const { rule } of overrides) {
    if (known.includes(rule)) continue;
    const closest = known.reduce((best, id) => (distance(id, rule) < distance(best, rule) ? id : best), known[0] ?? '');
    const hint = closest && distance(closest, rule) <= 3 ? ` (did you mean ${closest}?)` : '';
    throw new CliError(`${option}: unknown rule "${rule}"${hint}; \`incident-docs rules\` lists them`);
  }
}

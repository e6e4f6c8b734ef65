/** `lint --fix`, `--fix-dry-run`, `--fix-rule`: the options checked, and the lines that report fixing. */
import { MAX_FIX_PASSES, type FixAllResult } from '../core/fix/fixAll';
import { CliError } from './errors';
import type { SeverityCounts } from './format/summary';
import { checkRuleIds } from './checkRuleIds';

/** The options of `lint` that fixing reads. */
interface FixOptions {
  format: string;
  fix?: boolean;
  fixDryRun?: boolean;
  fixRule?: string[];
}

export const STOPPED: Record<NonNullable<FixAllResult['stopped']>, string> = {
  passes: `fixes still apply after ${MAX_FIX_PASSES} passes (or undo each other); stopped there`,
  unreadable: 'a further fix would make the file unreadable to its parser; not applied',
};

export interface Fixing {
  dryRun: boolean;
  rules?: ReadonlySet<string>;
}

export function fixingOf(options: FixOptions): Fixing | undefined {
  if (options.fixRule && !options.fix && !options.fixDryRun) throw new CliError('--fix-rule limits --fix or --fix-dry-run; give one of them');
  if (!options.fix && !options.fixDryRun) return undefined;
  if (options.fix && options.fixDryRun) throw new CliError('--fix and --fix-dry-run: give one of them');
  if (options.fixDryRun && options.format !== 'text') throw new CliError('--fix-dry-run prints a unified diff; it takes no --format');
  const rules = options.fixRule?.flatMap((value) => value.split(',')).map((r) => r.trim()).filter(Boolean);
  if (rules) checkRuleIds(rules.map((rule) => ({ rule, level: 'off' as const })), '--fix-rule');
  return { dryRun: !!options.fixDryRun, rules: rules ? new Set(rules) : undefined };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function fixSummary({ fixes, files }: { fixes: number; files: number }, dryRun: boolean): string {
  return `${fixes} ${fixes === 1 ? 'fix' : 'fixes'} ${dryRun ? 'would be applied' : 'applied'} in ${plural(files, 'file')}`;
}

export function remainingSummary(counts: SeverityCounts): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  return total === 0 ? 'nothing would remain' : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${plural(counts.info + counts.hint, 'other finding')} would remain`;
}

/**
 * The fix-applying engine both front ends use (`lint --fix` and the server's fix-all): lint,
 * apply every safe fix of one pass, lint the result again, and repeat until a pass changes
 * nothing. A fix may uncover another (rows deleted, a section is now empty) or be deferred
 * because it overlapped one taken; passes are bounded, and a pass that would make the document
 * unreadable to its parser is undone.
 */
import type { Config } from '../config';
import { analyze, lintAnalysis, type Analysis, type LintOptions } from '../lint';
import { INTERNAL_ERROR_RULE, TOO_LARGE_RULE } from '../ruleReference';
import type { Finding, SourceDocument } from '../types';
import { applyReplacements, ChangeSet, type Replacement } from './changes';
import { planPass, type AppliedFix } from './select';

export { autoFixOf, type AppliedFix } from './select';
export type { Replacement } from './changes';

/** Enough for fixes that uncover fixes; more passes would mean fixes undoing each other. */
export const MAX_FIX_PASSES = 10;

/** Findings that say a document could not be read as it should: a fix must never add one. */
const UNREADABLE_RULES = new Set(['cert/yaml-syntax', INTERNAL_ERROR_RULE, TOO_LARGE_RULE]);

export interface FixAllOptions {
  /** Only these rules' fixes (`--fix-rule`); every rule's when absent. */
  rules?: ReadonlySet<string>;
  maxPasses?: number;
  /** The analysis and findings of the document's text as given, when the caller has them. */
  initial?: { analysis: Analysis; findings: Finding[] };
}

export interface FixAllResult {
  original: string;
  /** The text with every fix applied (the original when none was). */
  text: string;
  /** What changed, in the original's offsets: sorted and apart, one edit for an editor. */
  changes: readonly Replacement[];
  applied: AppliedFix[];
  /** Passes that changed the text. */
  passes: number;
  /**
   * Why fixing stopped before a pass found nothing left to apply: `passes` (the bound was
   * reached) or `unreadable` (the next pass would have made the document unparseable; undone).
   */
  stopped?: 'passes' | 'unreadable';
  /** The final text's analysis and findings: what remains. */
  analysis: Analysis;
  findings: Finding[];
}

export function fixAll(document: SourceDocument, config: Config, lintOptions: LintOptions = {}, options: FixAllOptions = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const lintText = (text: string) => {
    const analysis = analyze({ ...document, text }, config, lintOptions);
    return { analysis, findings: lintAnalysis(analysis, lintOptions) };
  };
  const changes = new ChangeSet(document.text);
  let state = options.initial ?? lintText(document.text);
  const applied: AppliedFix[] = [];
  const seen = new Set<string>([document.text]);
  let passes = 0;
  let stopped: FixAllResult['stopped'];
  for (;;) {
    const plan = planPass(changes.current, state.findings, options.rules);
    if (plan.edits.length === 0) break;
    if (passes === maxPasses) {
      stopped = 'passes';
      break;
    }
    const trial = applyReplacements(changes.current, plan.edits);
    // A text seen before: fixes undoing each other. Stop where we are.
    if (seen.has(trial)) {
      stopped = 'passes';
      break;
    }
    const next = lintText(trial);
    if (unreadable(next.findings) > unreadable(state.findings)) {
      stopped = 'unreadable';
      break;
    }
    changes.record(plan.edits);
    seen.add(changes.current);
    applied.push(...plan.applied);
    passes++;
    state = next;
  }
  return { original: document.text, text: changes.current, changes: changes.changes, applied, passes, stopped, ...state };
}

function unreadable(findings: readonly Finding[]): number {
  return findings.filter((f) => UNREADABLE_RULES.has(f.rule)).length;
}

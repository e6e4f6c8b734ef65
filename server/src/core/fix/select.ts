/**
 * Which fixes one pass applies: for each finding of a rule being fixed, its one fix that is both
 * safe and preferred (none when it has none, or more than one: a choice is the author's), each
 * fix once, and of fixes that overlap only the first; the others wait for the next pass, when
 * the document has been linted again.
 */
import { LineIndex } from '../text';
import type { Finding, Fix } from '../types';
import type { Replacement } from './changes';

/** The fix `lint --fix` and fix-all apply for this finding, if any. */
export function autoFixOf(finding: Finding): Fix | undefined {
  const candidates = (finding.fixes ?? []).filter((f) => f.safe && f.preferred && f.edits.length > 0);
  return candidates.length === 1 ? candidates[0] : undefined;
}

export interface AppliedFix {
  rule: string;
  title: string;
}

export interface PassPlan {
  /** Sorted, non-overlapping, in the offsets of the text the findings are about. */
  edits: Replacement[];
  applied: AppliedFix[];
  /** Fixes left for a later pass because they overlap one taken. */
  deferred: number;
}

/** Plans one pass over `text`; `rules` limits fixing to those rule ids (all when absent). */
export function planPass(text: string, findings: readonly Finding[], rules?: ReadonlySet<string>): PassPlan {
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  // The same Fix object on many findings (one fix for every empty row of a table) is read once:
  // reading its edits per finding was quadratic (8,000 empty rows: 23 s).
  const seenFixes = new Set<Fix>();
  const candidates: { rule: string; fix: Fix; edits: Replacement[]; order: number }[] = [];
  for (const finding of findings) {
    if (rules && !rules.has(finding.rule)) continue;
    const fix = autoFixOf(finding);
    if (!fix || seenFixes.has(fix)) continue;
    seenFixes.add(fix);
    const edits = fix.edits
      .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    // One fix shared by several findings (every empty row of a table) is one fix.
    const key = JSON.stringify(edits);
    if (seen.has(key) || edits.some((e, k) => e.end < e.start || (k > 0 && conflict(edits[k - 1], e)))) continue;
    if (edits.every((e) => e.newText === text.slice(e.start, e.end))) continue; // changes nothing
    seen.add(key);
    candidates.push({ rule: finding.rule, fix, edits, order: candidates.length });
  }
  candidates.sort((a, b) => a.edits[0].start - b.edits[0].start || a.order - b.order);
  const taken: Replacement[] = []; // sorted by start; apart from one another
  const applied: AppliedFix[] = [];
  let deferred = 0;
  for (const candidate of candidates) {
    if (candidate.edits.some((e) => conflictsWithTaken(taken, e))) {
      deferred++;
      continue;
    }
    for (const e of candidate.edits) taken.splice(insertionIndex(taken, e), 0, e);
    applied.push({ rule: candidate.rule, title: candidate.fix.title });
  }
  return { edits: taken.filter((e) => e.newText !== text.slice(e.start, e.end)), applied, deferred };
}

/** Where `e` goes in `taken` (sorted by start, then end): a binary search. */
function insertionIndex(taken: readonly Replacement[], e: Replacement): number {
  let low = 0;
  let high = taken.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const t = taken[mid];
    if (t.start < e.start || (t.start === e.start && t.end <= e.end)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Taken edits are apart, so only the neighbours of where `e` would go can conflict with it. */
function conflictsWithTaken(taken: readonly Replacement[], e: Replacement): boolean {
  const at = insertionIndex(taken, e);
  // Several taken insertions may sit at one point before `at`: look back while they could reach `e`.
  for (let k = at - 1; k >= 0 && taken[k].end >= e.start; k--) if (conflict(taken[k], e)) return true;
  for (let k = at; k < taken.length && taken[k].start <= e.end; k++) if (conflict(taken[k], e)) return true;
  return false;
}

/**
 * Two edits that cannot both be applied in a defined way: their spans overlap, or one inserts at
 * a point the other's span touches (which text would come first is a guess).
 */
function conflict(a: Replacement, b: Replacement): boolean {
  if (Math.max(a.start, b.start) < Math.min(a.end, b.end)) return true;
  const insertion = a.start === a.end || b.start === b.end;
  return insertion && a.start <= b.end && b.start <= a.end;
}

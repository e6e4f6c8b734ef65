/**
 * What fixing did to a text, as replacements of the original: sorted, apart from one another
 * (none touches the next), in the original's UTF-16 offsets. Passes of fixes are recorded one
 * after the other, each in the offsets of the text it was applied to, so the language server
 * can send the whole result as one edit and the CLI can print it as a diff of the original.
 */

/** `start`..`end` of some text replaced by `newText`. */
export interface Replacement {
  start: number;
  end: number;
  newText: string;
}

/** Applies sorted, non-overlapping replacements to `text`. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    parts.push(text.slice(at, r.start), r.newText);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export class ChangeSet {
  private replacements: Replacement[] = [];
  private currentText: string;

  constructor(readonly original: string) {
    this.currentText = original;
  }

  /** The original with every recorded pass applied. */
  get current(): string {
    return this.currentText;
  }

  /** The changes so far, in the original's offsets. */
  get changes(): readonly Replacement[] {
    return this.replacements;
  }

  /**
   * Applies one pass of edits, given in the offsets of `current` (sorted, non-overlapping), and
   * folds them into the changes: an edit touching an earlier change merges with it.
   */
  record(edits: readonly Replacement[]): void {
    const current = this.currentText;
    const old = this.replacements;
    const out: Replacement[] = [];
    // `delta`: offset in `current` minus offset in the original, before the next unconsumed change.
    let delta = 0;
    let i = 0;
    let j = 0;
    const currentStart = (r: Replacement) => r.start + delta;
    while (i < old.length || j < edits.length) {
      const r = old[i];
      const e = edits[j];
      if (!e || (r && currentStart(r) + r.newText.length < e.start)) {
        out.push(r);
        delta += r.newText.length - (r.end - r.start);
        i++;
        continue;
      }
      // A group: the edits and earlier changes that overlap or touch, starting with the first of them.
      const groupStart = r ? Math.min(currentStart(r), e.start) : e.start;
      const originalStart = groupStart - delta;
      let groupEnd = groupStart;
      const groupEdits: Replacement[] = [];
      for (;;) {
        const nextOld = old[i];
        const nextEdit = edits[j];
        if (nextOld && currentStart(nextOld) <= groupEnd) {
          groupEnd = Math.max(groupEnd, currentStart(nextOld) + nextOld.newText.length);
          delta += nextOld.newText.length - (nextOld.end - nextOld.start);
          i++;
        } else if (nextEdit && nextEdit.start <= groupEnd) {
          groupEnd = Math.max(groupEnd, nextEdit.end);
          groupEdits.push(nextEdit);
          j++;
        } else break;
      }
      const originalEnd = groupEnd - delta;
      const local = groupEdits.map((g) => ({ start: g.start - groupStart, end: g.end - groupStart, newText: g.newText }));
      const newText = applyReplacements(current.slice(groupStart, groupEnd), local);
      // Changed back to what it was (a rename undone): no change at all.
      if (newText !== this.original.slice(originalStart, originalEnd)) out.push({ start: originalStart, end: originalEnd, newText });
    }
    this.currentText = applyReplacements(current, edits);
    this.replacements = out;
  }
}

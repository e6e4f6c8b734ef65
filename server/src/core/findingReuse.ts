/**
 * Findings of a previous version kept across an incremental parse: those outside the re-parsed
 * lines stay (moved by the lines the edit added or removed); those inside are computed again.
 */
import type { LineEdit } from './text';
import type { Finding, Range } from './types';

/**
 * A rule's previous findings outside the edited lines, moved to the new line numbers; undefined
 * when one of them reaches into the edited lines from outside (the rule then runs whole).
 */
export function reuse(previous: Finding[] | undefined, edit: LineEdit): Finding[] | undefined {
  if (!previous) return undefined;
  const shift = edit.newEndLine - edit.oldEndLine;
  const kept: Finding[] = [];
  for (const finding of previous) {
    const ranges = [
      finding.range,
      ...(finding.fixes ?? []).flatMap((f) => f.edits.map((e) => e.range)),
      ...(finding.related ?? []).filter((r) => !r.uri).map((r) => r.range),
    ];
    if (ranges.every((r) => r.end.line < edit.fromLine)) kept.push(finding);
    else if (ranges.every((r) => r.start.line >= edit.oldEndLine)) kept.push(shiftLines(finding, shift));
    else if (!ranges.every((r) => inLines(r, edit.fromLine, edit.oldEndLine))) return undefined;
  }
  return kept;
}

/** Whether a range lies in lines [from, to): it may end at the start of line `to`. */
export function inLines(range: Range, from: number, to: number): boolean {
  return range.start.line >= from && (range.end.line < to || (range.end.line === to && range.end.character === 0));
}

function shiftLines(finding: Finding, by: number): Finding {
  if (by === 0) return finding;
  const move = (r: Range): Range => ({
    start: { line: r.start.line + by, character: r.start.character },
    end: { line: r.end.line + by, character: r.end.character },
  });
  return {
    ...finding,
    range: move(finding.range),
    fixes: finding.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: move(e.range) })) })),
    related: finding.related?.map((r) => (r.uri ? r : { ...r, range: move(r.range) })),
  };
}

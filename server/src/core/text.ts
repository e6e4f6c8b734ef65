import type { Position, Range, Span } from './types';

/**
 * Maps UTF-16 offsets to LSP positions and back. Built once per document text;
 * lookups are binary searches, so converting every finding stays cheap.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  /** `starts`: the text's line starts when known (afterEdit); else they are found in the text. */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.lineStarts = starts;
      return;
    }
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which `previous.text` became by replacing [start, oldEnd) (changedRegion):
   * the line starts before the edit are kept, those after it moved, and only the edited part is
   * read. A keystroke in 1 MB reads a line, not the text.
   */
  static afterEdit(previous: LineIndex, text: string, start: number, oldEnd: number): LineIndex {
    const delta = text.length - previous.text.length;
    const old = previous.lineStarts;
    // A line start q depends on the characters at q - 1 and q: the same before the edit (q < start)
    // and after it (q - 1 >= its new end), read again in between.
    const kept = firstAtOrAfter(old, start);
    const starts = kept > 0 ? old.slice(0, kept) : [0];
    const newEnd = Math.min(oldEnd + delta, text.length);
    for (let q = Math.max(start, 1); q <= newEnd; q++) {
      const c = text.charCodeAt(q - 1);
      if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(q) !== 10)) starts.push(q);
    }
    for (let i = firstAtOrAfter(old, oldEnd + 1); i < old.length; i++) starts.push(old[i] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between the \r and \n of a CRLF is not a position in LSP: it is the line's end.
    return { line: low, character: Math.min(clamped, this.lineEndOffset(low)) - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEndOffset(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStartOffset(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEndOffset(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Span of whole lines covering `span`, including the final line break: what deleting those lines removes. */
  wholeLines(span: Span): Span {
    const first = this.positionAt(span.start).line;
    const last = this.positionAt(Math.max(span.start, span.end - 1)).line;
    const end = last + 1 < this.lineStarts.length ? this.lineStarts[last + 1] : this.text.length;
    return { start: this.lineStarts[first], end };
  }

  /** The line break the document uses, so inserted text matches it (a scan of the text, once). */
  get eol(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  private lineBreak: string | undefined;
}

/**
 * The index of the first of the sorted numbers (or items, by `keyOf`) that is >= `value` (their
 * length when none is): a binary search. One less is the last that is below `value`.
 */
export function firstAtOrAfter(sorted: readonly number[], value: number): number;
export function firstAtOrAfter<T>(sorted: readonly T[], value: number, keyOf: (item: T) => number): number;
export function firstAtOrAfter<T>(sorted: readonly T[], value: number, keyOf: (item: T) => number = (item) => item as unknown as number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keyOf(sorted[mid]) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where two versions of a text differ: [start, oldEnd) of the old one became [start, newEnd) of
 * the new one, newEnd = oldEnd + (new length - old length). Common prefix, then common suffix.
 */
export function changedRegion(old: string, text: string): { start: number; oldEnd: number } {
  const shorter = Math.min(old.length, text.length);
  // Blocks first (a string comparison is a memory compare), then characters: a keystroke in 1 MB
  // compares the whole text on every edit, and character by character that was milliseconds.
  let start = 0;
  while (start + COMPARE_BLOCK <= shorter && old.slice(start, start + COMPARE_BLOCK) === text.slice(start, start + COMPARE_BLOCK)) start += COMPARE_BLOCK;
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let suffix = 0;
  const sameEnd = (length: number) => old.slice(old.length - suffix - length, old.length - suffix) === text.slice(text.length - suffix - length, text.length - suffix);
  while (suffix + COMPARE_BLOCK <= shorter - start && sameEnd(COMPARE_BLOCK)) suffix += COMPARE_BLOCK;
  while (suffix < shorter - start && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start, oldEnd: old.length - suffix };
}

/** Characters changedRegion compares at once. */
const COMPARE_BLOCK = 4096;

/**
 * Lines re-parsed after an edit, when the parts of the document outside them (entries above and
 * below) are unchanged: [fromLine, oldEndLine) of the previous text became [fromLine, newEndLine).
 */
export interface LineEdit {
  fromLine: number;
  oldEndLine: number;
  newEndLine: number;
}

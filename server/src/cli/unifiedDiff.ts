/**
 * `lint --fix-dry-run`: what `--fix` would change, as a unified diff per file (`git apply -p1`
 * takes it). Built from the fix engine's changes, not by comparing texts: the changes already
 * say which lines differ, so the work is linear in the document.
 */
import { escapeControls } from '../core/quote';
import type { Replacement } from '../core/fix/fixAll';

const CONTEXT = 3;

interface Line {
  start: number;
  /** Offset past the line break. */
  end: number;
  content: string;
  eol: '' | '\n' | '\r\n' | '\r';
}

function splitLines(text: string, base = 0): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    lines.push({ start: base + start, end: base + m.index + m[0].length, content: text.slice(start, m.index), eol: m[0] as Line['eol'] });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ start: base + start, end: base + text.length, content: text.slice(start), eol: '' });
  return lines;
}

/** The index of the line holding `offset` (the line after the last when it is the end of the text). */
function lineAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lines[mid].end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Old lines [from, to) replaced by `newLines`. */
interface Region {
  from: number;
  to: number;
  newLines: Line[];
}

/** The whole lines each change touches, changes sharing a line merged. */
function regions(original: string, lines: readonly Line[], changes: readonly Replacement[]): Region[] {
  const out: Region[] = [];
  let k = 0;
  while (k < changes.length) {
    // A change at the very end of a text without a final line break belongs to its last line.
    const at = lineAt(lines, changes[k].start);
    const from = at === lines.length && at > 0 && lines[at - 1].eol === '' ? at - 1 : at;
    const regionStart = from < lines.length ? lines[from].start : original.length;
    let text = original.slice(regionStart, changes[k].start);
    let to: number;
    for (;;) {
      const c = changes[k];
      text += c.newText;
      k++;
      const endLine = lineAt(lines, c.end);
      const atLineStart = c.end === original.length || (endLine < lines.length && lines[endLine].start === c.end);
      // The region may end at the change when what it leaves ends a line; else the rest of the line joins it.
      to = atLineStart && (text === '' || /[\r\n]$/.test(text)) ? endLine : Math.min(endLine + 1, lines.length);
      const regionEnd = to < lines.length ? lines[to].start : original.length;
      const next = changes[k];
      // The end of a text without a final line break is in its last line, which the region holds.
      const openEnd = to === lines.length && lines.length > 0 && lines[lines.length - 1].eol === '';
      if (next && (next.start < regionEnd || (openEnd && next.start === regionEnd))) {
        text += original.slice(c.end, next.start);
        continue;
      }
      text += original.slice(c.end, regionEnd);
      break;
    }
    out.push({ from, to, newLines: splitLines(text) });
  }
  return out;
}

function show(prefix: string, line: Line): string[] {
  // Control characters from the document are escaped (a terminal would act on them); tabs and a
  // CRLF file's carriage returns are kept, so the diff still applies.
  const content = line.content.split('\t').map((part) => escapeControls(part)).join('\t');
  const shown = [`${prefix}${content}${line.eol === '\r\n' ? '\r' : ''}`];
  if (line.eol === '') shown.push('\\ No newline at end of file');
  return shown;
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as diff does.
  return `${count === 0 ? start : start + 1},${count}`;
}

/** The unified diff of `original` and it with `changes` applied; empty when nothing changes. */
export function unifiedDiff(shownPath: string, original: string, changes: readonly Replacement[]): string {
  if (changes.length === 0) return '';
  const lines = splitLines(original);
  const all = regions(original, lines, changes);
  const out = [`--- a/${escapeControls(shownPath)}`, `+++ b/${escapeControls(shownPath)}`];
  let delta = 0; // new line number minus old, before the next region
  let r = 0;
  while (r < all.length) {
    // A hunk: regions closer than twice the context share one.
    let last = r;
    while (last + 1 < all.length && all[last + 1].from - all[last].to <= 2 * CONTEXT) last++;
    const oldStart = Math.max(0, all[r].from - CONTEXT);
    const oldEnd = Math.min(lines.length, all[last].to + CONTEXT);
    const body: string[] = [];
    let at = oldStart;
    let newCount = 0;
    for (let i = r; i <= last; i++) {
      for (; at < all[i].from; at++, newCount++) body.push(...show(' ', lines[at]));
      for (; at < all[i].to; at++) body.push(...show('-', lines[at]));
      for (const line of all[i].newLines) body.push(...show('+', line));
      newCount += all[i].newLines.length;
    }
    for (; at < oldEnd; at++, newCount++) body.push(...show(' ', lines[at]));
    out.push(`@@ -${range(oldStart, oldEnd - oldStart)} +${range(oldStart + delta, newCount)} @@`, ...body);
    for (let i = r; i <= last; i++) delta += all[i].newLines.length - (all[i].to - all[i].from);
    r = last + 1;
  }
  return `${out.join('\n')}\n`;
}

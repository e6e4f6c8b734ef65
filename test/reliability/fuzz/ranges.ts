/** What every front end needs of a finding: a range that exists in the document, as LSP counts it. */
export interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Line lengths without their breaks; LSP ends a line at \r\n, \n or \r. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** The problem with a range, or undefined when it is inside the document. */
export function rangeProblem(range: RangeLike, lengths: number[]): string | undefined {
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= lengths.length) return `line ${p.line} past the last line ${lengths.length - 1}`;
    if (p.character > lengths[p.line]) return `character ${p.character} past the end of line ${p.line} (${lengths[p.line]})`;
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'range ends before it starts';
  return undefined;
}

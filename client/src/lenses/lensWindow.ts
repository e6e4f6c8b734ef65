/**
 * Which code lenses of a large document the editor gets: those near the lines its editors show.
 * VS Code builds a view zone for every lens of a document, resolved or not, and rebuilds them after
 * each edit; on a 5,000-entry inventory (10,000 lenses) that was most of the page's CPU. No vscode
 * import: the arithmetic is tested on its own.
 */

/** Up to this many lenses a document gets them all (a 500-entry inventory): the cost is small there. */
export const ALL_LENSES_UP_TO = 1_000;
/** Lines above and below what is on screen that get their lenses too: scrolling seldom outruns them. */
export const LENS_MARGIN_LINES = 300;

/** Lines, inclusive, 0-based. */
export interface LineSpan {
  start: number;
  end: number;
}

/** The visible spans widened by the margin, merged where they meet. */
export function lensWindow(visible: readonly LineSpan[], margin = LENS_MARGIN_LINES): LineSpan[] {
  const widened = visible.map((s) => ({ start: Math.max(0, s.start - margin), end: s.end + margin })).sort((a, b) => a.start - b.start);
  const out: LineSpan[] = [];
  for (const span of widened) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end + 1) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/**
 * Whether an answer holds only the lenses near the view, so that moving the view must ask again:
 * a large document's, or a partial one (the first lines of a large document just opened).
 */
export function servesWindow(answer: { total: number; partial?: boolean }): boolean {
  return answer.total > ALL_LENSES_UP_TO || answer.partial === true;
}

/** The lenses to show: all of a small list, else those starting inside the window. */
export function lensesToShow<T>(lenses: readonly T[], lineOf: (lens: T) => number, window: readonly LineSpan[]): T[] {
  if (lenses.length <= ALL_LENSES_UP_TO) return [...lenses];
  return lenses.filter((lens) => {
    const line = lineOf(lens);
    return window.some((s) => line >= s.start && line <= s.end);
  });
}

/** Whether every visible span lies inside the window served last: no new lenses needed yet. */
export function covered(visible: readonly LineSpan[], served: readonly LineSpan[]): boolean {
  return visible.every((v) => served.some((s) => v.start >= s.start && v.end <= s.end));
}

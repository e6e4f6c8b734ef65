import type { Nodes as MdastNodes } from 'mdast';
import { preorder } from '../limits/walk';
import type { Span } from '../types';

/**
 * A piece of the document's own text with its offset. Rules scan runs (not node values) so
 * every token they find maps back to an exact span, even next to escapes and entities.
 */
export interface TextRun {
  /** The source text, escapes and entities as written: offsets into it are document offsets. */
  text: string;
  offset: number;
  /** The text as a reader sees it (entities decoded). */
  value: string;
}

const SKIPPED = new Set(['code', 'inlineCode', 'html', 'yaml', 'image', 'imageReference', 'definition']);

/** Runs of plain text inside an mdast subtree, taken from the source so offsets are exact. */
export function textRuns(node: MdastNodes, source: string, out: TextRun[] = []): TextRun[] {
  preorder<MdastNodes>(node, (n) => {
    if (SKIPPED.has(n.type)) return false;
    if (n.type !== 'text') return true;
    const start = n.position?.start.offset;
    const end = n.position?.end.offset;
    if (start !== undefined && end !== undefined) out.push({ text: source.slice(start, end), offset: start, value: n.value });
    return false;
  });
  return out;
}

/** The visible text of runs joined by spaces: for messages and matching, not for offsets. */
export function runsText(runs: TextRun[]): string {
  return runs.map((r) => r.value).join('').replace(/\s+/g, ' ').trim();
}

export function spanOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

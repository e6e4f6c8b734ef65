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

/** Skipped by visibleText: not read as the sentence's words. */
const NOT_VISIBLE = new Set(['code', 'html', 'yaml', 'image', 'imageReference', 'definition', 'footnoteDefinition']);

/**
 * The words of an mdast subtree as a reader sees them, inline code included (`k8s-janitor`
 * stays in "from an affected service (k8s-janitor)"), Markdown syntax left out; only what lies
 * inside `within` when given. For hovers and the outline, not for offsets.
 */
export function visibleText(node: MdastNodes, source: string, within?: Span): string {
  const parts: string[] = [];
  preorder<MdastNodes>(node, (n) => {
    if (NOT_VISIBLE.has(n.type)) return false;
    const span = spanOf(n);
    if (within && n.position && (span.end <= within.start || span.start >= within.end)) return false;
    if (n.type === 'break') parts.push(' ');
    if (n.type !== 'text' && n.type !== 'inlineCode') return true;
    const inside = !within || (span.start >= within.start && span.end <= within.end);
    parts.push(inside ? n.value : cutValue(n.value, source, span, within!));
    return false;
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The part of a text node's value inside `within`. The value drops escapes, decodes entities and
 * strips the indentation of continuation lines, so it is cut where the cut-off ends (a time token,
 * the rest of a line) read the same in both; otherwise the source is read as written.
 */
function cutValue(value: string, source: string, span: Span, within: Span): string {
  const start = Math.max(span.start, within.start);
  const end = Math.min(span.end, within.end);
  const before = source.slice(span.start, start);
  const after = source.slice(end, span.end);
  const aligned = value.length >= before.length + after.length && value.startsWith(before) && value.endsWith(after);
  return aligned ? value.slice(before.length, value.length - after.length) : source.slice(start, end);
}

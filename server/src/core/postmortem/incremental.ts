/**
 * Re-parses an edited post-mortem by its top-level sections. A root-level ATX heading at column 1
 * starts a fresh block context (it closes paragraphs, lists, quotes and tables), so the text from
 * one such heading to the next parses the same alone as inside the document, provided nothing in
 * it reaches across: link or footnote definitions (they change how `[x]` parses anywhere), and a
 * fenced code or HTML block left open at the end (it would run on into the next section).
 *
 * The edited sections are parsed again and spliced into the previous tree; the nodes after them
 * move by the edit's lines and offsets. Anything else returns undefined: parse the whole text.
 * test/postmortem/incremental.test.ts checks random edits against whole parses.
 */
import type { Root, RootContent } from 'mdast';
import { tooDeep } from '../limits';
import { changedRegion, type LineIndex } from '../text';
import { reparseBlock } from './blockReparse';
import { fenceCloses, moveTree, parseByPieces, spliceAll } from './pieces';

/** Whether a parsed tree holds definitions (computed once per whole parse, carried to re-parses). */
const definitionFree = new WeakMap<Root, boolean>();

/** The previous tree, updated for the new text; `oldLines` and `newLines` index the two texts. */
export function reparseMarkdown(previous: Root, oldLines: LineIndex, newLines: LineIndex): Root | undefined {
  const old = oldLines.text;
  const text = newLines.text;
  if (old === text) return previous;
  if (!isDefinitionFree(previous)) return undefined;
  const changed = changedRegion(old, text);
  // Inside one long table or list: only the rows or items around the edit.
  const block = reparseBlock(previous, oldLines, newLines, changed);
  if (block) return block;
  const boundaries = sectionStarts(previous, old);
  // The section holding the edit's start, up to the first boundary after its end. Text put right
  // before a heading belongs to the section above it (a list there would continue), hence `<`.
  let first = changed.start === 0 ? 0 : -1;
  for (let i = 0; i < boundaries.length && boundaries[i].offset < changed.start; i++) first = i;
  if (first < 0) return undefined;
  const startChild = boundaries[first].child;
  const start = boundaries[first].offset;
  const next = boundaries.find((b) => b.offset > changed.oldEnd);
  // An edit that touches the next heading's first character could unmake it: it joins the chunk.
  const end = next ? next.offset : old.length;
  const endChild = next ? next.child : previous.children.length;
  const delta = text.length - old.length;
  // The text after the chunk must still begin a line.
  if (end < old.length && text.charCodeAt(end + delta - 1) !== 10) return undefined;

  const chunk = text.slice(start, end + delta);
  // The depth limit holds for the part parsed now (the rest passed it before).
  if (tooDeep('postmortem', chunk)) return undefined;
  const parsed = parseByPieces(chunk);
  if (!isDefinitionFree(parsed) || leavesBlockOpen(parsed, chunk)) return undefined;
  // The chunk must still open with its ATX heading: an edit inside that line can unmake it, and
  // the line then belongs with the section above (a list item there continues over it).
  if (start > 0 && !opensWithAtxHeading(parsed, chunk)) return undefined;
  // Front matter opened here but not closed here may close in a later section.
  if (start === 0 && text.startsWith('---') && parsed.children[0]?.type !== 'yaml') return undefined;

  // mdast lines and columns count from 1; the chunk starts at a line start, so columns stay.
  const lineShift = newLines.positionAt(end + delta).line - oldLines.positionAt(end).line;
  for (let i = endChild; i < previous.children.length; i++) moveTree(previous.children[i], lineShift, delta);
  for (const node of parsed.children) moveTree(node, oldLines.positionAt(start).line, start);
  spliceAll(previous.children, startChild, endChild - startChild, parsed.children);
  const last = newLines.positionAt(text.length);
  previous.position!.end = { line: last.line + 1, column: last.character + 1, offset: text.length };
  definitionFree.set(previous, true);
  return previous;
}

function isDefinitionFree(root: Root): boolean {
  let known = definitionFree.get(root);
  if (known === undefined) {
    known = !hasDefinition(root);
    definitionFree.set(root, known);
  }
  return known;
}

function hasDefinition(root: Root): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { type: string; children?: unknown[] };
    if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return false;
}

/** Offsets of the root-level ATX headings at column 1, with their child index; the first child always starts one. */
function sectionStarts(root: Root, text: string): { offset: number; child: number }[] {
  const out: { offset: number; child: number }[] = [];
  root.children.forEach((node, child) => {
    const start = node.position?.start;
    if (!start || start.offset === undefined) return;
    if (child === 0) {
      // The first section starts at the text's start (front matter, blank lines before the first block).
      out.push({ offset: 0, child });
    } else if (node.type === 'heading' && start.column === 1 && text.charCodeAt(start.offset) === 35 /* # */) {
      out.push({ offset: start.offset, child });
    }
  });
  return out;
}

function opensWithAtxHeading(root: Root, chunk: string): boolean {
  const first = root.children[0];
  return first?.type === 'heading' && first.position?.start.offset === 0 && first.position.end.line === 1 && chunk.charCodeAt(0) === 35 /* # */;
}

/**
 * A fenced code or HTML block left open at the end of the chunk would run on into the next
 * section in the whole text. Only a root-level one can: inside a list item or a quote, the
 * heading at column 1 ends the container and the block with it.
 */
function leavesBlockOpen(root: Root, chunk: string): boolean {
  const last = root.children[root.children.length - 1];
  if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? chunk.length;
  if (last.type === 'html') {
    // An HTML block of the kinds that end at a blank line has ended if one follows it; the kinds
    // that end at a marker (<pre>, <!--, ...) are treated as open unless one does too.
    return !/\n[ \t]*(?:\r?\n|\r)/.test(chunk.slice(end));
  }
  return !fenceCloses(chunk.slice(start, end));
}

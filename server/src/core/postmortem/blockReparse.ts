/**
 * Re-parses an edit inside one root-level table or list by its rows or items: a 5 MB timeline is
 * one section, and re-parsing the section took seconds for every key typed in it. The rows (or
 * items) from the one before the edit's start to the one holding its end are parsed alone, as
 * pieces.ts parses them (a table's rows after a copy of its header and delimiter rows), and put in
 * place of the old ones; what follows moves by the edit's lines and offsets. The parse must give
 * one table (or one list with the same marker), the rows after it must go on as before (cutAfter),
 * else undefined and the caller re-parses the section. test/core/postmortem/incremental.test.ts
 * compares the result with whole parses.
 */
import type { List, Nodes, Root, RootContent } from 'mdast';
import { tooDeep } from '../limits';
import type { LineIndex } from '../text';
import { parseMarkdown } from './markdown';
import { cutAfter, hasBlankLine, listMarkerOf, moveTree, spliceAll, tablePrefix } from './pieces';

export function reparseBlock(previous: Root, oldLines: LineIndex, newLines: LineIndex, changed: { start: number; oldEnd: number }): Root | undefined {
  const old = oldLines.text;
  const text = newLines.text;
  const delta = text.length - old.length;
  const children = previous.children;
  const k = lastStartingAtOrBefore(children, changed.start, (n) => startOffset(n));
  const node = children[k];
  if (!node || (node.type !== 'table' && node.type !== 'list') || node.position?.start.column !== 1) return undefined;
  const units = node.children as Nodes[];
  const lineStart = (n: Nodes) => oldLines.lineStartOffset((n.position?.start.line ?? 1) - 1);
  // A table's header and delimiter rows, and a list's first item (it may interrupt a paragraph), stay.
  const i = lastStartingAtOrBefore(units, changed.start, lineStart);
  if (i < 1) return undefined;
  const j = Math.max(i, lastStartingAtOrBefore(units, changed.oldEnd, lineStart));
  const last = j === units.length - 1;
  const next = children[k + 1];
  const regionStart = lineStart(units[i]);
  const regionEnd = !last ? lineStart(units[j + 1]) : next ? lineStart(next) : old.length;
  // The line after the region must be untouched, its line break before it included.
  if (changed.oldEnd >= regionEnd && regionEnd < old.length) return undefined;

  const prefix = node.type === 'table' ? tablePrefix(old, node) : '';
  const body = text.slice(regionStart, regionEnd + delta);
  // The depth limit holds for the part parsed now (the rest passed it before).
  if (tooDeep('postmortem', prefix + body)) return undefined;
  const piece = parseMarkdown(prefix + body);
  const fresh = piece.children[0];
  if (piece.children.length !== 1 || fresh.type !== node.type || hasDefinition(piece)) return undefined;
  let replacement: Nodes[];
  if (fresh.type === 'table') {
    const rows = fresh.children;
    if (rows.length < 2 || startOffset(rows[1]) !== prefix.length) return undefined;
    replacement = rows.slice(1);
  } else {
    const list = node as List;
    if (fresh.ordered !== list.ordered || startOffset(fresh) !== 0 || !listMarkerOf(old, list).test(body)) return undefined;
    replacement = fresh.children;
  }
  const prefixLines = prefix === '' ? 0 : 2;
  moveTree(piece, oldLines.positionAt(regionStart).line - prefixLines, regionStart - prefix.length);
  // How the whole parse goes on after the region: with the next row or item, or afresh after the last.
  const after = regionEnd + delta;
  if (after < text.length && cutAfter(text, fresh, after) !== (last ? 'fresh' : node.type)) return undefined;

  const lineShift = newLines.positionAt(after).line - oldLines.positionAt(regionEnd).line;
  for (let u = j + 1; u < units.length; u++) moveTree(units[u], lineShift, delta);
  for (let c = k + 1; c < children.length; c++) moveTree(children[c], lineShift, delta);
  spliceAll(units, i, j - i + 1, replacement);
  if (last) node.position!.end = fresh.position!.end;
  else moveEnd(node, lineShift, delta);
  if (node.type === 'list') node.spread = looseList(text, node);
  const end = newLines.positionAt(text.length);
  previous.position!.end = { line: end.line + 1, column: end.character + 1, offset: text.length };
  return previous;
}

/** mdast calls a list spread when a blank line separates two of its items. */
function looseList(text: string, list: List): boolean {
  const items = list.children;
  for (let i = 0; i + 1 < items.length; i++) {
    if (hasBlankLine(text.slice(items[i].position!.end.offset, items[i + 1].position!.start.offset))) return true;
  }
  return false;
}

/** Index of the last node whose start (as `startOf` gives it) is at or before `offset`; -1 if none. */
function lastStartingAtOrBefore<T>(nodes: T[], offset: number, startOf: (n: T) => number): number {
  let low = 0;
  let high = nodes.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(nodes[mid]) <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function moveEnd(node: RootContent, lines: number, offset: number): void {
  const end = node.position!.end;
  end.line += lines;
  if (end.offset !== undefined) end.offset += offset;
}

function startOffset(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

function hasDefinition(root: Root): boolean {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return false;
}

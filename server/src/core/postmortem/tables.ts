import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html, Nodes as MdastNodes, Table as MdastTable } from 'mdast';
import { preorder } from '../limits/walk';
import type { Span } from '../types';
import { runsText, spanOf, textRuns, visibleText, type TextRun } from './runs';

export interface TableCell {
  span: Span;
  runs: TextRun[];
  /** Visible text without inline code, whitespace collapsed: what rules scan. */
  text: string;
  /** The cell as a reader sees it, inline code included: for hovers and the outline. */
  display: string;
  /** Link targets inside the cell. */
  links: string[];
}

export interface TableRow {
  span: Span;
  cells: TableCell[];
}

export interface Table {
  kind: 'pipe' | 'html';
  span: Span;
  header?: TableRow;
  rows: TableRow[];
}

export function isEmptyRow(row: TableRow): boolean {
  return row.cells.every((c) => c.text === '' && c.links.length === 0);
}

/** Index of the first header cell whose text matches, or -1. */
export function columnIndex(table: Table, pattern: RegExp): number {
  return table.header?.cells.findIndex((c) => pattern.test(c.text)) ?? -1;
}

/**
 * Tables read from a node, kept per node: the model, the timeline, the impact and action-item
 * builders and two rules all read the same tables, and an HTML table costs a full HTML parse.
 * A node belongs to one parse of one text; the text is checked anyway so a reuse can never lie.
 */
const tableCache = new WeakMap<MdastTable | Html, { source: string; table: Table }>();

function cached(node: MdastTable | Html, source: string, read: () => Table): Table {
  const hit = tableCache.get(node);
  if (hit && hit.source === source) return hit.table;
  const table = read();
  tableCache.set(node, { source, table });
  return table;
}

export function readPipeTable(node: MdastTable, source: string): Table {
  return cached(node, source, () => readPipeTableUncached(node, source));
}

function readPipeTableUncached(node: MdastTable, source: string): Table {
  const rows = node.children.map((row) => ({
    span: spanOf(row),
    cells: row.children.map((cell) => {
      const runs = textRuns(cell, source);
      return { span: pipeCellSpan(cell, source), runs, text: runsText(runs), display: visibleText(cell, source), links: mdastLinks(cell) };
    }),
  }));
  const [header, ...body] = rows;
  return { kind: 'pipe', span: spanOf(node), header, rows: body };
}

/** A pipe cell's content, without the pipes and padding; for an empty cell, the gap between the pipes. */
function pipeCellSpan(cell: MdastTable['children'][number]['children'][number], source: string): Span {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  if (first && last) return { start: spanOf(first).start, end: spanOf(last).end };
  const span = spanOf(cell);
  const raw = source.slice(span.start, span.end);
  const start = span.start + (raw.startsWith('|') ? 1 : 0);
  const end = span.end - (raw.length > 1 && raw.endsWith('|') ? 1 : 0);
  return end > start ? { start, end } : span;
}

function mdastLinks(node: MdastNodes): string[] {
  const out: string[] = [];
  preorder<MdastNodes>(node, (n) => {
    if (n.type === 'link') out.push(n.url);
  });
  return out;
}

/** True for an `html` node that opens a table. */
export function isHtmlTable(node: Html): boolean {
  return /^\s*<table[\s>]/i.test(node.value);
}

/**
 * Parses an HTML table with a real HTML parser. A table that holds blank lines is split by
 * Markdown into several nodes, so the slice runs from the node to the matching `</table>`.
 */
export function readHtmlTable(node: Html, source: string): Table {
  return cached(node, source, () => readHtmlTableUncached(node, source));
}

const TABLE_CLOSE = /<\/table>/gi;

function readHtmlTableUncached(node: Html, source: string): Table {
  const start = spanOf(node).start;
  // Searched from `start`: lower-casing the whole document for each table was O(document) per table.
  TABLE_CLOSE.lastIndex = start;
  const close = TABLE_CLOSE.exec(source)?.index ?? -1;
  const end = close === -1 ? spanOf(node).end : close + '</table>'.length;
  const html = source.slice(start, end);
  const tree = fromHtml(html, { fragment: true });
  const table: Table = { kind: 'html', span: { start, end }, rows: [] };
  // Iterative, in document order: HTML can nest deeper than the call stack.
  const stack: { n: HastNodes; inHead: boolean }[] = [{ n: tree, inHead: false }];
  while (stack.length > 0) {
    const { n, inHead } = stack.pop()!;
    if (n.type === 'element' && n.tagName === 'tr') {
      const row = readHtmlRow(n, source, start);
      const isHeader = inHead || (n.children.some(isCell) && n.children.filter(isCell).every((c) => (c as Element).tagName === 'th'));
      if (isHeader && !table.header && table.rows.length === 0) table.header = row;
      else table.rows.push(row);
      continue;
    }
    if (!('children' in n)) continue;
    const childInHead = inHead || (n.type === 'element' && n.tagName === 'thead');
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i] as HastNodes, inHead: childInHead });
  }
  return table;
}

function isCell(n: HastNodes): boolean {
  return n.type === 'element' && (n.tagName === 'td' || n.tagName === 'th');
}

function readHtmlRow(tr: Element, source: string, base: number): TableRow {
  const cells = tr.children.filter(isCell).map((cell) => {
    const runs = hastRuns(cell as Element, source, base);
    return { span: hastSpan(cell, base), runs, text: runsText(runs), display: hastText(cell), links: hastLinks(cell as Element) };
  });
  return { span: hastSpan(tr, base), cells };
}

function hastSpan(n: HastNodes, base: number): Span {
  return { start: base + (n.position?.start.offset ?? 0), end: base + (n.position?.end.offset ?? 0) };
}

function hastRuns(root: HastNodes, source: string, base: number): TextRun[] {
  const out: TextRun[] = [];
  preorder<HastNodes>(root, (n) => {
    if (n.type === 'text') {
      const span = hastSpan(n, base);
      if (span.end > span.start) out.push({ text: source.slice(span.start, span.end), offset: span.start, value: n.value });
      return false;
    }
    return !(n.type === 'element' && (n.tagName === 'code' || n.tagName === 'pre' || n.tagName === 'img'));
  });
  return out;
}

/** Every text of an HTML cell, code included, whitespace collapsed. */
function hastText(root: HastNodes): string {
  const parts: string[] = [];
  preorder<HastNodes>(root, (n) => {
    if (n.type === 'text') parts.push(n.value);
    else if (n.type === 'element' && n.tagName === 'br') parts.push(' ');
    return n.type !== 'comment';
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function hastLinks(root: Element): string[] {
  const out: string[] = [];
  preorder<HastNodes>(root, (n) => {
    if (n.type === 'element' && n.tagName === 'a' && typeof n.properties?.href === 'string') out.push(n.properties.href);
    return n.type === 'element' || n.type === 'root';
  });
  return out;
}


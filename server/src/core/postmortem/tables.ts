import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html, Nodes as MdastNodes, Table as MdastTable } from 'mdast';
import { preorder } from '../limits/walk';
import { drain, type Steps } from '../steps';
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
 * builders and two rules all read the same tables, and an HTML table costs a full HTML parse. A
 * re-parse by sections keeps the nodes it did not touch and moves them, so a table an edit left
 * alone is not read again at the next version, only moved: reading every table again (an HTML
 * table's parse above all) was a sixth of a post-mortem edit's time. What a table reads lies
 * within its own text (cells, runs, inline links), so the same text means the same table.
 */
const tableCache = new WeakMap<MdastTable | Html, { source: string; span: Span; table: Table }>();

/** The table read from `node` before, moved to where `span` now lies, if that text is unchanged. */
function reuse(node: MdastTable | Html, span: Span, source: string): Table | undefined {
  const hit = tableCache.get(node);
  if (!hit) return undefined;
  // The readers of one version ask with its own text: no need to compare the table's.
  if (hit.source === source && hit.span.start === span.start && hit.span.end === span.end) return hit.table;
  if (hit.span.end - hit.span.start !== span.end - span.start || !source.startsWith(hit.source.slice(hit.span.start, hit.span.end), span.start)) return undefined;
  const table = hit.span.start === span.start ? hit.table : moveTable(hit.table, span.start - hit.span.start);
  // Kept with the current text: holding an older one would keep that version alive.
  return remember(node, span, source, table);
}

function remember(node: MdastTable | Html, span: Span, source: string, table: Table): Table {
  tableCache.set(node, { source, span, table });
  return table;
}

function moveTable(table: Table, delta: number): Table {
  const moveSpan = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  const moveRow = (row: TableRow): TableRow => ({
    ...row,
    span: moveSpan(row.span),
    cells: row.cells.map((cell) => ({ ...cell, span: moveSpan(cell.span), runs: cell.runs.map((run) => ({ ...run, offset: run.offset + delta })) })),
  });
  const moved: Table = { ...table, span: moveSpan(table.span), rows: table.rows.map(moveRow) };
  if (table.header) moved.header = moveRow(table.header);
  return moved;
}

export function readPipeTable(node: MdastTable, source: string): Table {
  return drain(readPipeTableSteps(node, source));
}

/** Rows read between two steps: a timeline of 100,000 rows takes about a second to read. */
const ROWS_PER_STEP = 1_000;

/** readPipeTable in steps (core/steps.ts), for the model built a step at a time. */
export function* readPipeTableSteps(node: MdastTable, source: string): Steps<Table> {
  const span = spanOf(node);
  const known = reuse(node, span, source);
  if (known) return known;
  const rows: TableRow[] = [];
  for (const row of node.children) {
    rows.push({ span: spanOf(row), cells: row.children.map((cell) => readPipeCell(cell, source)) });
    if (rows.length % ROWS_PER_STEP === 0) yield;
  }
  const [header, ...body] = rows;
  return remember(node, span, source, { kind: 'pipe', span, header, rows: body });
}

type PipeCell = MdastTable['children'][number]['children'][number];

function readPipeCell(cell: PipeCell, source: string): TableCell {
  const only = cell.children.length === 1 ? cell.children[0] : undefined;
  // Most cells hold one text node: no walk needed for its runs or links.
  if (only?.type === 'text') {
    const runs = textRunOf(only, source);
    return { span: pipeCellSpan(cell, source), runs, text: runsText(runs), display: only.value.replace(/\s+/g, ' ').trim(), links: [] };
  }
  const runs = textRuns(cell, source);
  return { span: pipeCellSpan(cell, source), runs, text: runsText(runs), display: visibleText(cell, source), links: cell.children.length === 0 ? [] : mdastLinks(cell) };
}

function textRunOf(node: MdastNodes & { type: 'text' }, source: string): TextRun[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? [{ text: source.slice(start, end), offset: start, value: node.value }] : [];
}

/** A pipe cell's content, without the pipes and padding; for an empty cell, the gap between the pipes. */
function pipeCellSpan(cell: PipeCell, source: string): Span {
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
  return drain(readHtmlTableSteps(node, source));
}

const TABLE_CLOSE = /<\/table>/gi;

/** From the node to the matching `</table>` (the node's end when there is none). */
export function htmlTableSpan(node: Html, source: string): Span {
  const start = spanOf(node).start;
  // Searched from `start`: lower-casing the whole document for each table was O(document) per table.
  TABLE_CLOSE.lastIndex = start;
  const close = TABLE_CLOSE.exec(source)?.index ?? -1;
  return { start, end: close === -1 ? spanOf(node).end : close + '</table>'.length };
}

/** Rows an HTML table is parsed by at a time, when it can be (see readHtmlTableSteps). */
const HTML_ROWS_PER_STEP = 200;
/** A row's start tag. */
const ROW_START = /<tr(?=[\s>/])/gi;
/** What changes how the rows after it parse, besides the state a row's start tag resets: nested tables, templates, forms, selects, foreign content. */
const ROW_STATE = /<(?:table|template|form|select|svg|math)(?=[\s>/])/gi;

/**
 * readHtmlTable in steps (core/steps.ts). A long table is parsed a few hundred rows at a time, each
 * batch after a `<table>` of its own: in a table the parser closes every open row and cell at the
 * next `<tr>`, so a row parses alike after the rows before it or after a fresh `<table>`. Each
 * batch is parsed with a `<tr>` after it, which must come out as a row just there (nothing open
 * swallows it: a comment, an attribute, raw text), and must give exactly the rows whose start
 * tags it holds; a table with more than its own `<table>` of ROW_STATE, or a batch that fails, is
 * parsed whole. test/core/postmortem/tables.test.ts compares both on random tables.
 */
export function* readHtmlTableSteps(node: Html, source: string, rowsPerStep = HTML_ROWS_PER_STEP): Steps<Table> {
  const span = htmlTableSpan(node, source);
  const known = reuse(node, span, source);
  if (known) return known;
  const html = source.slice(span.start, span.end);
  let table: Table | undefined = yield* readInBatches(html, span, source, rowsPerStep);
  table ??= rowsOf([{ tree: fromHtml(html, { fragment: true }), base: span.start }], span, source);
  return remember(node, span, source, table);
}

interface Batch {
  tree: HastNodes;
  /** Where the batch's offset 0 lies in the source. */
  base: number;
  /** The sentinel row's start in the source, left out of the rows. */
  sentinel?: number;
}

/** The table parsed in batches of rows; undefined when it must be parsed whole. */
function* readInBatches(html: string, span: Span, source: string, rowsPerStep: number): Steps<Table | undefined> {
  const starts: number[] = [];
  for (const m of html.matchAll(ROW_START)) starts.push(m.index);
  if (starts.length < 2 * rowsPerStep) return undefined;
  const states = [...html.matchAll(ROW_STATE)];
  // The table's own start tag is the one allowed.
  if (states.length > 1 || (states.length === 1 && html.slice(0, states[0].index).trim() !== '')) return undefined;
  const cuts = [0];
  for (let i = rowsPerStep; i < starts.length; i += rowsPerStep) cuts.push(starts[i]);
  cuts.push(html.length);
  const batches: Batch[] = [];
  for (let b = 0; b + 1 < cuts.length; b++) {
    yield;
    const prefix = b === 0 ? '' : '<table>';
    const last = b + 2 === cuts.length;
    const tree = fromHtml(prefix + html.slice(cuts[b], cuts[b + 1]) + (last ? '' : '<tr>'), { fragment: true });
    const base = span.start + cuts[b] - prefix.length;
    // The rows whose start tags the batch holds, then the sentinel, each where its tag is.
    const expected = starts.slice(b * rowsPerStep, (b + 1) * rowsPerStep).map((at) => span.start + at);
    if (!last) expected.push(span.start + cuts[b + 1]);
    const found: number[] = [];
    preorder<HastNodes>(tree, (n) => {
      if (n.type === 'element' && n.tagName === 'tr') found.push(base + (n.position?.start.offset ?? Number.NaN));
    });
    if (found.length !== expected.length || found.some((at, i) => at !== expected[i])) return undefined;
    batches.push({ tree, base, sentinel: last ? undefined : span.start + cuts[b + 1] });
  }
  return rowsOf(batches, span, source);
}

function rowsOf(batches: Batch[], span: Span, source: string): Table {
  const table: Table = { kind: 'html', span, rows: [] };
  for (const batch of batches) collectHtmlRows(batch, source, table);
  return table;
}

/** The rows of a parsed table (or batch of it), in document order; the first all-`th` or `thead` row is the header. */
function collectHtmlRows({ tree, base, sentinel }: Batch, source: string, table: Table): void {
  // Iterative, in document order: HTML can nest deeper than the call stack.
  const stack: { n: HastNodes; inHead: boolean }[] = [{ n: tree, inHead: false }];
  while (stack.length > 0) {
    const { n, inHead } = stack.pop()!;
    if (n.type === 'element' && n.tagName === 'tr') {
      if (base + (n.position?.start.offset ?? 0) === sentinel) continue;
      const row = readHtmlRow(n, source, base);
      const isHeader = inHead || (n.children.some(isCell) && n.children.filter(isCell).every((c) => (c as Element).tagName === 'th'));
      if (isHeader && !table.header && table.rows.length === 0) table.header = row;
      else table.rows.push(row);
      continue;
    }
    if (!('children' in n)) continue;
    const childInHead = inHead || (n.type === 'element' && n.tagName === 'thead');
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i] as HastNodes, inHead: childInHead });
  }
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


/**
 * The first parse of a Markdown text, piece by piece (about PIECE_CHARS each). micromark keeps
 * every event of the text it parses and re-walks them in places (a lazy line inside a list copies
 * the document's events), so one parse of a 5 MB post-mortem took tens of seconds and gigabytes;
 * pieces keep each parse small, and let a caller stop or yield between them.
 *
 * A piece ends at a line where the whole parse is known to start afresh, or to go on with the
 * table or list the piece ends in:
 * - fresh: an ATX heading at column 1, or a line at column 1 after a blank line, when the block
 *   before it is closed there (no fence or HTML block left open, no list it could continue);
 * - a table row (a line starting with `|`) right after a root-level table's last row: the next
 *   piece is parsed after a copy of the table's header and delimiter rows, its rows joined on;
 * - a list item with the same marker at column 1 after a root-level list: its items joined on;
 * - a line opening a table part (`<tr>`, `</td>`...) right after a root-level HTML block that
 *   ends at a blank line: the next piece's first HTML block is joined on, as one block (a long
 *   HTML timeline table is one block, and would otherwise be parsed whole, however long).
 * A continuation the next piece does not confirm sends the parse back to the last fresh line, with
 * a piece long enough to cover it. A line where no cut holds makes the piece longer. Definitions
 * (`[x]: url`, `[^1]: note`) reach across pieces: when the text has any, it is parsed a second
 * time with all of them known to every piece. test/core/postmortem/pieces.test.ts compares the
 * result with whole parses, positions included.
 */
import type { Html, List, Nodes, Root, RootContent, Table } from 'mdast';
import { definitionKey, parseMarkdown, type KnownDefinitions } from './markdown';

/** Text per piece: small parses are faster (younger garbage) and a piece is a short pause (~5 ms). */
export const PIECE_CHARS = 4096;

type Mode =
  | { kind: 'fresh' }
  | { kind: 'table'; table: Table; prefix: string }
  | { kind: 'list'; list: List; marker: RegExp }
  | { kind: 'html'; html: Html };

export type Cut = 'fresh' | 'table' | 'list' | 'html';

const FRESH: Mode = { kind: 'fresh' };
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const LIST_ITEM_LINE = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const THEMATIC_BREAK = /^(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$/;
const FRONT_MATTER_FENCE = /^---[ \t]*$/;
/**
 * A line that opens an HTML block of the kind that ends at a blank line (CommonMark's kind 6) with
 * a part of a table: a piece starting there parses as such a block, as the line went on one before.
 */
const HTML_TABLE_PART = /^<\/?(?:table|caption|colgroup|col|thead|tbody|tfoot|tr|td|th)(?:[ \t>]|\/>|$)/i;
/** The first line of an HTML block that ends at its own end marker, not at a blank line (kinds 1-5). */
const HTML_MARKER_BLOCK = /^ {0,3}<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:[ \t>]|$))/i;

export class PieceParser {
  readonly root: Root;
  /** Link and footnote definitions seen so far (only looked for when the text can hold one). */
  readonly found: KnownDefinitions = { links: [], footnotes: [] };
  private at = 0;
  /** Line number (1-based) of `at`. */
  private line = 1;
  private mode: Mode = FRESH;
  /** The last place known to start afresh: parsing can always go back there. */
  private restart = { offset: 0, line: 1, children: 0 };
  private size: number;
  private finished: boolean;
  private readonly mayDefine: boolean;

  constructor(
    readonly text: string,
    private readonly definitions?: KnownDefinitions,
    private readonly pieceChars = PIECE_CHARS,
  ) {
    this.size = pieceChars;
    this.root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
    this.finished = text.length === 0;
    this.mayDefine = !definitions && text.includes(']:');
  }

  get done(): boolean {
    return this.finished;
  }

  /** Parses one more piece (or finds that the current one must be longer). */
  step(): void {
    if (this.finished) return;
    const text = this.text;
    // Front matter cut short reads as a thematic break and one long paragraph (slow to parse, and
    // no cut): the first piece reaches past its closing fence.
    const from = this.at === 0 ? Math.max(this.size, frontMatterEnd(text)) : this.at + this.size;
    const end = candidateLineFrom(text, from);
    const piece = this.parsePiece(end);
    if (!piece) return this.restartBefore(end);
    let cut: Cut | undefined;
    if (end < text.length) {
      cut = this.cutAt(end, piece);
      if (!cut) {
        // Twice as long, and past this line: the next try ends at another one.
        this.size = Math.max(2 * this.size, end - this.at + 1);
        return;
      }
    }
    if (this.mayDefine) collectDefinitions(piece, this.found);
    this.merge(piece);
    this.line += lineBreaks(text, this.at, end);
    this.at = end;
    this.size = this.pieceChars;
    if (end >= text.length) {
      this.finished = true;
      return;
    }
    const last = this.root.children[this.root.children.length - 1];
    if (cut === 'fresh') {
      this.mode = FRESH;
      this.restart = { offset: end, line: this.line, children: this.root.children.length };
    } else if (cut === 'table') {
      const table = last as Table;
      const prefix = this.mode.kind === 'table' && this.mode.table === table ? this.mode.prefix : tablePrefix(text, table);
      this.mode = { kind: 'table', table, prefix };
    } else if (cut === 'html') {
      this.mode = { kind: 'html', html: last as Html };
    } else {
      const list = last as List;
      this.mode = { kind: 'list', list, marker: this.mode.kind === 'list' && this.mode.list === list ? this.mode.marker : listMarkerOf(text, list) };
    }
  }

  /** Parses to the end. */
  finish(): Root {
    while (!this.finished) this.step();
    return this.root;
  }

  /** The piece [at, end) in the whole text's positions; undefined when it does not continue the table or list it should. */
  private parsePiece(end: number): Root | undefined {
    const mode = this.mode;
    const body = this.text.slice(this.at, end);
    if (mode.kind === 'table') {
      const piece = parseMarkdown(mode.prefix + body, this.definitions);
      const table = piece.children[0];
      if (table?.type !== 'table' || table.children.length < 2 || startOffset(table.children[1]) !== mode.prefix.length) return undefined;
      moveTree(piece, this.line - 3, this.at - mode.prefix.length);
      return piece;
    }
    const piece = parseMarkdown(body, this.definitions);
    if (mode.kind === 'list') {
      const list = piece.children[0];
      if (list?.type !== 'list' || list.ordered !== mode.list.ordered || startOffset(list) !== 0 || !mode.marker.test(body)) return undefined;
    }
    if (mode.kind === 'html') {
      const html = piece.children[0];
      if (html?.type !== 'html' || startOffset(html) !== 0) return undefined;
    }
    moveTree(piece, this.line - 1, this.at);
    return piece;
  }

  /** How the whole parse goes on at `end`, given the piece before it; undefined when it cannot be known here. */
  private cutAt(end: number, piece: Root): Cut | undefined {
    // Front matter must close inside the piece that opens it.
    if (this.at === 0 && /^---[ \t]*(?:\r?\n|\r)/.test(this.text) && piece.children[0]?.type !== 'yaml') return undefined;
    return cutAfter(this.text, piece.children[piece.children.length - 1], end);
  }

  private merge(piece: Root): void {
    const children = piece.children;
    let from = 0;
    const mode = this.mode;
    if (mode.kind === 'table') {
      const rows = (children[0] as Table).children;
      for (let i = 1; i < rows.length; i++) mode.table.children.push(rows[i]);
      mode.table.position!.end = children[0].position!.end;
      from = 1;
    } else if (mode.kind === 'list') {
      const list = children[0] as List;
      const before = endOffset(mode.list);
      for (const item of list.children) mode.list.children.push(item);
      // A blank line between the two pieces' items makes the list loose, as between any two items.
      mode.list.spread = mode.list.spread || list.spread || hasBlankLine(this.text.slice(before, startOffset(list)));
      mode.list.position!.end = list.position!.end;
      from = 1;
    } else if (mode.kind === 'html') {
      // One block: its value is its source, line breaks included.
      const html = children[0] as Html;
      mode.html.value = this.text.slice(startOffset(mode.html), endOffset(html));
      mode.html.position!.end = html.position!.end;
      from = 1;
    }
    for (let i = from; i < children.length; i++) this.root.children.push(children[i]);
    // A few extensions leave a field on the root (a task-list marker read as lazy text sets `checked`).
    for (const key of Object.keys(piece)) {
      if (key !== 'type' && key !== 'children' && key !== 'position') (this.root as unknown as Record<string, unknown>)[key] = (piece as unknown as Record<string, unknown>)[key];
    }
  }

  private restartBefore(end: number): void {
    const { offset, line, children } = this.restart;
    this.root.children.length = children;
    this.at = offset;
    this.line = line;
    this.mode = FRESH;
    this.size = Math.max(this.pieceChars, 2 * (end - offset));
  }
}

/**
 * How a whole parse of `text` goes on at line start `end`, when `last` (in the text's positions)
 * is the last block before it: afresh, with another row of that table or item of that list, or
 * undefined when that cannot be told from here (see the top of this file).
 */
export function cutAfter(text: string, last: RootContent | undefined, end: number): Cut | undefined {
  const line = lineAt(text, end);
  if (!last) return /^\S/.test(line) && !FRONT_MATTER_FENCE.test(line) ? 'fresh' : undefined;
  const lastEnd = endOffset(last);
  // A node that ends where the piece ends was left open (a fence inside a list item, say): the
  // whole parse may carry it on.
  if (lastEnd >= end) return undefined;
  const between = text.slice(lastEnd, end);
  const afterBlank = hasBlankLine(between);
  if (last.type === 'table' && startColumn(last) === 1 && line.startsWith('|') && isLineEnd(between)) return 'table';
  if (
    last.type === 'list' &&
    startColumn(last) === 1 &&
    (isLineEnd(between) || isBlankLines(between)) &&
    listMarkerOf(text, last).test(line) &&
    !THEMATIC_BREAK.test(line.trimEnd())
  ) {
    return 'list';
  }
  if (last.type === 'html' && startColumn(last) === 1 && isLineEnd(between) && HTML_TABLE_PART.test(line) && !HTML_MARKER_BLOCK.test(text.slice(startOffset(last), lastEnd))) {
    return 'html';
  }
  if (!ATX_HEADING.test(line) && !(afterBlank && /^\S/.test(line))) return undefined;
  // A piece starting with `---` would be read as front matter.
  if (FRONT_MATTER_FENCE.test(line)) return undefined;
  if (last.type === 'code') {
    const source = text.slice(startOffset(last), lastEnd);
    if (!fenceCloses(source)) return undefined;
    // Indented code goes on over blank lines until a line says otherwise, and that line is read
    // as interrupting it (`2. x` there is text, not a list): only a heading is safe.
    if (!isFenced(source) && !ATX_HEADING.test(line)) return undefined;
  }
  if (last.type === 'html' && !afterBlank) return undefined;
  if (last.type === 'list' && LIST_ITEM_LINE.test(line)) return undefined;
  return 'fresh';
}

/** Parses `text` by pieces (see above); the same tree as parseMarkdown(text). */
export function parseByPieces(text: string, pieceChars = PIECE_CHARS): Root {
  const first = new PieceParser(text, undefined, pieceChars);
  first.finish();
  if (first.found.links.length === 0 && first.found.footnotes.length === 0) return first.root;
  return new PieceParser(text, first.found, pieceChars).finish();
}

function isFenced(source: string): boolean {
  return /^ {0,3}(?:`{3,}|~{3,})/.test(source);
}

/** Indented code ends at the next line; a fence is closed when its last line repeats the opening fence. */
export function fenceCloses(source: string): boolean {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(source);
  if (!opening) return true;
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return false;
  const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]);
  return !!closing && closing[1][0] === opening[1][0] && closing[1].length >= opening[1].length;
}

/**
 * `target.splice(start, remove, ...items)` for any number of items: a spread passes one argument
 * per item, and a timeline of 100,000 rows overflows the stack that way.
 */
export function spliceAll<T>(target: T[], start: number, remove: number, items: readonly T[]): void {
  const tail = target.splice(start + remove);
  target.length = start;
  for (const item of items) target.push(item);
  for (const item of tail) target.push(item);
}

type Positioned = { position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } }; children?: unknown[] };

/** Moves a subtree's positions by whole lines and offsets (columns stay: pieces start at line starts). */
export function moveTree(root: Nodes | Root, lines: number, offset: number): void {
  if (lines === 0 && offset === 0) return;
  const stack: Positioned[] = [root as Positioned];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      p.start.line += lines;
      p.end.line += lines;
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
    }
    if (node.children) for (const child of node.children) stack.push(child as Positioned);
  }
}

function collectDefinitions(root: Root, out: KnownDefinitions): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition') out.links.push(definitionKey(node.label ?? node.identifier));
    else if (node.type === 'footnoteDefinition') out.footnotes.push(definitionKey(node.label ?? node.identifier));
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
}

/** The header and delimiter rows of a table, from the start of the header's line. */
export function tablePrefix(text: string, table: Table): string {
  const start = lineStartBefore(text, startOffset(table));
  return text.slice(start, lineStartFrom(text, lineStartFrom(text, start + 1) + 1));
}

/** What starts another item of `list` at column 1: the same bullet, or digits and the same delimiter. */
export function listMarkerOf(text: string, list: List): RegExp {
  const at = startOffset(list);
  const c = text[at];
  if (c === '-' || c === '*' || c === '+') return c === '-' ? /^-[ \t]+\S/ : c === '*' ? /^\*[ \t]+\S/ : /^\+[ \t]+\S/;
  const delimiter = /^\d{1,9}([.)])/.exec(text.slice(at, at + 11))?.[1];
  return delimiter === ')' ? /^\d{1,9}\)[ \t]+\S/ : delimiter === '.' ? /^\d{1,9}\.[ \t]+\S/ : /(?!)/;
}

function startOffset(node: RootContent | Nodes): number {
  return node.position?.start.offset ?? 0;
}

function endOffset(node: RootContent | Nodes): number {
  return node.position?.end.offset ?? 0;
}

function startColumn(node: RootContent): number {
  return node.position?.start.column ?? 0;
}

/** Whether `between` (text after a node) holds an empty line: a line break, maybe spaces, and another. */
export function hasBlankLine(between: string): boolean {
  return /\n[ \t]*\n/.test(between.replace(/\r\n?/g, '\n'));
}

/** Only the line break that ends the node's last line. */
function isLineEnd(between: string): boolean {
  return between === '\n' || between === '\r\n' || between === '\r';
}

/** Line breaks and blank lines only. */
function isBlankLines(between: string): boolean {
  return /^[ \t\r\n]*$/.test(between) && /[\r\n]/.test(between);
}

/** The first line start at or after `offset` (the text's end when there is none). */
function lineStartFrom(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  const before = text.charCodeAt(offset - 1);
  if (before === 10 || (before === 13 && text.charCodeAt(offset) !== 10)) return offset;
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13 && text.charCodeAt(i + 1) !== 10) return i + 1;
  }
  return text.length;
}

/**
 * The first line at or after `offset` where cutAt may find a cut: a heading, a table row, a list
 * item, a table part in HTML, or any line after a blank one. Other lines (a paragraph's, a quote's) never hold one, and
 * each failed try parses the piece again.
 */
function candidateLineFrom(text: string, offset: number): number {
  let at = lineStartFrom(text, offset);
  // The line before: back over this line's break (one or two characters) to that line's start.
  const breakLength = at >= 2 && text.charCodeAt(at - 1) === 10 && text.charCodeAt(at - 2) === 13 ? 2 : 1;
  let afterBlank = at > 0 && isBlank(lineAt(text, lineStartBefore(text, at - breakLength)));
  while (at < text.length) {
    const line = lineAt(text, at);
    const blank = isBlank(line);
    if (!blank && (afterBlank || ATX_HEADING.test(line) || line.startsWith('|') || LIST_ITEM_LINE.test(line) || HTML_TABLE_PART.test(line))) return at;
    afterBlank = blank;
    at = lineStartFrom(text, at + line.length + 1);
  }
  return text.length;
}

/** Where front matter opened on the first line closes (its closing `---` line's end); 0 without any. */
function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*(?:\r\n|\r|\n)/.test(text)) return 0;
  let at = lineStartFrom(text, 1);
  while (at < text.length) {
    const line = lineAt(text, at);
    if (FRONT_MATTER_FENCE.test(line)) return at + line.length;
    at = lineStartFrom(text, at + line.length + 1);
  }
  return text.length;
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function lineStartBefore(text: string, offset: number): number {
  for (let i = offset; i > 0; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
  }
  return 0;
}

function lineAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return text.slice(start, end);
}

/** Line breaks in [from, to) (\r\n counts once). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  const line = lineBreaks(text, 0, text.length) + 1;
  return { line, column: text.length - lineStartBefore(text, text.length) + 1, offset: text.length };
}

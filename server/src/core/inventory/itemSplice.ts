/**
 * Parsing list items on their own and splicing them into a Document: the shared steps of the
 * inventory's incremental re-parse (incremental.ts) and its parse by batches of entries (chunked.ts).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLError, type YAMLSeq } from 'yaml';
import { MAX_NESTING_DEPTH } from '../limits';
import { yamlDepth } from '../limits/nesting';
import { collectComments, composeYaml, syntaxErrorsOf, type SyntaxProblem } from './yaml';

/**
 * A duplicate key is reported on its map alone and changes nothing else in the parse, so it may
 * stay in entries that are not re-parsed. Any other error may cascade: the whole text is parsed.
 */
export function isLocalError(error: YAMLError): boolean {
  return error.code === 'DUPLICATE_KEY';
}

export function noAnchors(roots: Node[]): boolean {
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return false;
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isScalar(node) || isCollection(node)) {
      if (node.anchor) return false;
      if (isCollection(node)) for (const item of node.items) stack.push(item);
    }
  }
  return true;
}

/** Whether a parsed Document holds no anchors or aliases: walked once per Document, or known from how it was built. */
const anchorFree = new WeakMap<Document.Parsed, boolean>();

export function isAnchorFree(doc: Document.Parsed): boolean {
  let known = anchorFree.get(doc);
  if (known === undefined) {
    known = doc.contents ? noAnchors([doc.contents as Node]) : true;
    anchorFree.set(doc, known);
  }
  return known;
}

/**
 * Records what a parse by entries knows without a walk: a Document built of batches that each
 * parsed without anchors (parseItems) around a skeleton without any. A large inventory's first
 * edit walked all its nodes to learn it (20 ms of 5,000 entries').
 */
export function knownAnchorFree(doc: Document.Parsed): void {
  anchorFree.set(doc, true);
}

/** The chunk parsed on its own: list items at the list's column, cleanly, without anchors or aliases. */
export interface ParsedItems {
  nodes: Node[];
  comments: { offset: number; text: string }[];
  errors: YAMLError[];
  syntaxErrors: SyntaxProblem[];
  /** Where the list, and the document, end in the chunk (they end with the last item). */
  listEnd: [number, number];
  docEnd: [number, number];
}

/**
 * List items parsed on their own: the chunk `source[start, end)` starts with its first item's
 * dash at `column`. `withComments` when the whole text names a directive (comments are collected
 * only then). `followedByItem` when another item of the list comes right after the chunk in the
 * whole text: an empty value, or a map ending in comment lines, ends where the next token starts,
 * so a stand-in item is parsed after the chunk for its nodes to end where they do in the whole text.
 * The stand-in is the next item's own dash when it is at `column`: the parsed text is then a slice
 * of `source`, and the scalars' strings (slices of what yaml lexed) keep `source` alive, which the
 * document keeps anyway, instead of a copy of every chunk (1.2 MB for a 5,000-entry inventory).
 */
export function parseItems(source: string, start: number, end: number, column: number, withComments: boolean, followedByItem: boolean): ParsedItems | undefined {
  const chunk = source.slice(start, end);
  if (!startsWithDash(chunk, column) || yamlDepth(chunk) + 2 > MAX_NESTING_DEPTH) return undefined;
  const nextDash = followedByItem && itemDashColumn(source, end) === column;
  const text = !followedByItem ? chunk : nextDash ? source.slice(start, end + column + 1) : `${chunk}${' '.repeat(column)}- 0\n`;
  const { tokens, documents } = composeYaml(text);
  if (documents.length !== 1) return undefined;
  const [doc] = documents;
  // `...` ends the document: in the whole text, what follows would be another one.
  if (doc.directives?.docEnd || !doc.errors.every(isLocalError) || doc.warnings.length > 0) return undefined;
  if (doc.errors.some((e) => e.pos[0] >= chunk.length)) return undefined;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.flow || seq.range?.[0] !== column) return undefined;
  let nodes = seq.items as Node[];
  if (followedByItem) {
    const standIn = nodes[nodes.length - 1];
    // The next item's dash at the text's end is an empty item there; `- 0` is the number 0 after it.
    const expected = nextDash ? { value: null, at: chunk.length + column + 1 } : { value: 0, at: chunk.length + column + 2 };
    if (!isScalar(standIn) || standIn.value !== expected.value || standIn.range?.[0] !== expected.at) return undefined;
    nodes = nodes.slice(0, -1);
  }
  if (nodes.length === 0 || nodes.some((n) => !n) || !noAnchors(nodes)) return undefined;
  // Nothing may follow the list in the chunk but comments (a less indented key would end it).
  if (doc.range[2] !== text.length && text.slice(doc.range[2]).trim() !== '') return undefined;
  const comments = withComments ? collectComments(tokens).filter((c) => c.offset < chunk.length) : [];
  return { nodes, comments, errors: doc.errors, syntaxErrors: syntaxErrorsOf(documents, text), listEnd: [seq.range[1], seq.range[2]], docEnd: [doc.range[1], doc.range[2]] };
}

/** The chunk's first line is its first item's: spaces up to `column`, then `-`. */
function startsWithDash(chunk: string, column: number): boolean {
  return itemDashColumn(chunk, 0) === column;
}

/**
 * The column of the dash when the line starting at `lineStart` starts a block list item
 * (spaces, `-`, then a space or the line's end); undefined for any other line.
 */
export function itemDashColumn(text: string, lineStart: number): number | undefined {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 45) return undefined;
  const next = text.charCodeAt(i + 1);
  return Number.isNaN(next) || next === 32 || next === 10 || next === 13 ? i - lineStart : undefined;
}

type Ranged = { range?: [number, number, number] | null };

/** Moves every offset at or after `from` by `delta`, in the document and its nodes. */
export function moveNodesAfter(doc: Document.Parsed, from: number, delta: number): void {
  // An edit that keeps the text's length (a digit typed over another, a date replaced) moves nothing.
  if (delta === 0) return;
  for (let i = 0; i < 3; i++) if (doc.range[i] >= from) doc.range[i] += delta;
  moveOffsets(doc.contents, from, delta);
}

/** Moves every offset in a subtree by `delta` (chunk offsets to document offsets). */
export function moveAll(root: Node, delta: number): void {
  if (delta !== 0) moveOffsets(root, 0, delta);
}

/** Moves the offsets at or after `from` in a subtree, skipping the parts that end before it. */
function moveOffsets(root: unknown, from: number, delta: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const range = (node as Ranged | null)?.range;
    if (!range || range[2] < from) continue;
    for (let i = 0; i < 3; i++) if (range[i] >= from) range[i] += delta;
    // One push per item: a spread copies the list into arguments first (every map of 5,000 entries, every edit).
    if (isCollection(node)) for (const item of node.items) stack.push(item);
  }
}

/** The list (and the root and document, when the list is their last value) end where its new last item does. */
export function endWithLastItem(doc: Document.Parsed, seq: YAMLSeq, items: ParsedItems, offset: number): void {
  const [valueEnd, nodeEnd] = items.listEnd;
  seq.range = [seq.range![0], valueEnd + offset, nodeEnd + offset];
  const root = doc.contents;
  if (!isMap(root) || root.items[root.items.length - 1]?.value !== seq) return;
  // The root map's value runs on over the list's trailing comments: both its ends are the list's node end.
  root.range = [root.range![0], nodeEnd + offset, nodeEnd + offset];
  doc.range = [doc.range[0], items.docEnd[0] + offset, items.docEnd[1] + offset];
}


/**
 * Offset-sorted things (errors, comments) of the new text: the previous ones before the chunk,
 * the chunk's own, then the previous ones after it, moved by the edit.
 */
export function splice<T>(
  previous: T[],
  inChunk: T[],
  chunk: { start: number; end: number },
  delta: number,
  offsetOf: (t: T) => number,
  move: (t: T, by: (offset: number) => number) => T,
  toDocument: (offset: number) => number,
): T[] {
  return [
    ...previous.filter((t) => offsetOf(t) < chunk.start),
    ...inChunk.map((t) => move(t, toDocument)),
    ...previous.filter((t) => offsetOf(t) >= chunk.end).map((t) => move(t, (offset) => offset + delta)),
  ];
}


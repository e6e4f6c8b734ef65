/**
 * The first parse of a large inventory, by batches of entries: the text before the list, its first
 * batch and what follows the list are parsed together; each other batch of `certificates:` items
 * is parsed alone and spliced in. yaml holds a whole document's CST while it composes; batches keep
 * that small, which keeps the server's memory down and its garbage young (faster than one parse).
 *
 * Batches are cut at lines that start an item of the list (a dash at the list's column). Each
 * batch must then parse, alone, to items of a list at that column, cleanly (duplicate keys
 * aside) and without anchors or aliases, exactly as in incremental.ts; anything else returns
 * undefined and the caller parses the whole text. test/core/inventory/chunked.test.ts compares both.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { drain, type Steps } from '../steps';
import { DIRECTIVE_PREFIX } from '../suppress';
import { endWithLastItem, isLocalError, itemDashColumn, knownAnchorFree, moveAll, moveNodesAfter, noAnchors, parseItems, splice, type ParsedItems } from './itemSplice';
import { collectComments, composeYaml, syntaxErrorsOf, type ParsedYaml } from './yaml';

/**
 * Entries per batch; below two batches the whole text is parsed at once. Small, so that a batch's
 * CST (yaml allocates about 430 bytes per byte of text) is garbage before the next scavenge: with
 * 20 entries it outlived one (the server's semi-spaces are 2 MB), V8 pretenured the tokens'
 * allocation sites, and every later batch's CST went straight to the old generation (32 MB for
 * 5,000 entries; the server's RSS after opening them 130 MB, 115 MB with batches of 2, for no
 * more CPU). test/core/inventory/chunkedGarbage.test.ts measures it.
 */
const ENTRIES_PER_BATCH = 2;

export function parseByEntries(text: string, perBatch = ENTRIES_PER_BATCH): ParsedYaml | undefined {
  return drain(parseByEntriesSteps(text, perBatch));
}

/** Batches parsed between two steps (100 entries take a few milliseconds). */
const BATCHES_PER_STEP = 50;

/** parseByEntries in steps (core/steps.ts): the server answers requests between them. */
export function* parseByEntriesSteps(text: string, perBatch = ENTRIES_PER_BATCH): Steps<ParsedYaml | undefined> {
  const list = listLines(text);
  if (!list || list.items.length < 2 * perBatch) return undefined;
  // What follows the list must start with a plain key: an empty key or another indicator there
  // takes its position from the line breaks before it, which the skeleton does not keep.
  if (list.end < text.length && !isPlainKeyStart(text.charCodeAt(list.end))) return undefined;
  const cuts: number[] = [];
  for (let i = 0; i < list.items.length; i += perBatch) cuts.push(list.items[i]);
  cuts.push(list.end);

  // The skeleton: everything but batches 1..n, which are cut out and parsed alone. A stand-in
  // item takes their place, so the first batch ends on a dash as it does in the whole text.
  const firstCut = cuts[1];
  const standIn = `${' '.repeat(list.column)}- 0\n`;
  const tailAt = firstCut + standIn.length;
  const removed = list.end - tailAt;
  const skeletonText = text.slice(0, firstCut) + standIn + text.slice(list.end);
  const { tokens, documents } = composeYaml(skeletonText);
  if (documents.length !== 1) return undefined;
  const [doc] = documents;
  if (doc.directives?.docEnd || !doc.errors.every(isLocalError) || doc.warnings.length > 0 || !isMap(doc.contents)) return undefined;
  if (doc.errors.some((e) => e.pos[0] >= firstCut && e.pos[0] < tailAt)) return undefined;
  const pair = doc.contents.items.find((p) => isSeq(p.value) && (p.key as Node | null)?.range?.[0] === list.keyAt);
  const seq = pair?.value;
  if (!isSeq(seq) || seq.flow || seq.items.length !== perBatch + 1) return undefined;
  const last = seq.items[perBatch];
  if (!isScalar(last) || last.value !== 0 || last.range[0] !== firstCut + list.column + 2) return undefined;
  seq.items.pop();
  // The batches parse only without anchors: with none here either, the whole Document has none.
  const skeletonAnchorFree = noAnchors([doc.contents]);

  const skeletonErrors = syntaxErrorsOf(documents, skeletonText);
  const withDirectives = text.includes(DIRECTIVE_PREFIX);
  const batches: ParsedItems[] = [];
  for (let b = 1; b + 1 < cuts.length; b++) {
    if (b % BATCHES_PER_STEP === 0) yield;
    const items = parseItems(text, cuts[b], cuts[b + 1], list.column, withDirectives, b + 2 < cuts.length);
    if (!items) return undefined;
    batches.push(items);
  }

  yield;
  // Offsets from here on are the whole text's: the skeleton's tail moves past the batches.
  // From the line break before the tail: an empty key there (`:` at its line start) sits on it.
  moveNodesAfter(doc, tailAt - 1, removed);
  batches.forEach((items, i) => {
    for (const node of items.nodes) moveAll(node, cuts[i + 1]);
    (seq.items as unknown[]).push(...items.nodes);
  });
  const lastBatch = batches[batches.length - 1];
  endWithLastItem(doc, seq, lastBatch, cuts[cuts.length - 2]);

  const skeleton = { start: tailAt, end: tailAt };
  const gather = <T>(fromSkeleton: T[], ofBatch: (items: ParsedItems) => T[], offsetOf: (t: T) => number, move: (t: T, by: (o: number) => number) => T): T[] => {
    const inBatches = batches.flatMap((items, i) => ofBatch(items).map((t) => move(t, (o) => o + cuts[i + 1])));
    // splice() keeps what lies before the cut, puts the batches' own in, and moves the tail.
    return splice(fromSkeleton, inBatches, skeleton, removed, offsetOf, move, (o) => o);
  };
  if (skeletonAnchorFree) knownAnchorFree(doc);
  doc.errors = gather(doc.errors, (items) => items.errors, (e) => e.pos[0], (e, by) => {
    e.pos = [by(e.pos[0]), by(e.pos[1])];
    return e;
  });
  return {
    documents,
    syntaxErrors: gather(skeletonErrors, (items) => items.syntaxErrors, (e) => e.span.start, (e, by) => ({
      message: e.message,
      span: { start: by(e.span.start), end: by(e.span.end) },
    })),
    comments: withDirectives
      ? gather(collectComments(tokens), (items) => items.comments, (c) => c.offset, (c, by) => ({ offset: by(c.offset), text: c.text }))
      : [],
  };
}

export interface ListLines {
  /** Offset of the `certificates` key. */
  keyAt: number;
  /** Column of the list's dashes. */
  column: number;
  /** Line starts of the list's items. */
  items: number[];
  /** Where the lines after the list begin (the text's length when it runs to the end). */
  end: number;
}

/**
 * The lines of a top-level `certificates:` block list: the key alone on its line at column 0,
 * then items `- ...` at one column, their lines more indented, blank or comments. Any other
 * shape (tabs, a flow list, a value on the key's line) is left to the whole parse.
 */
export function listLines(text: string): ListLines | undefined {
  const key = 'certificates:';
  let at = text.startsWith(key) ? 0 : text.indexOf(`\n${key}`) + 1;
  if (at <= 0 && !text.startsWith(key)) return undefined;
  const keyAt = at;
  let line = lineEnd(text, at);
  if (!isBlankOrComment(text, at + key.length, line)) return undefined;
  let column = -1;
  const items: number[] = [];
  for (at = line + 1; at < text.length; at = line + 1) {
    line = lineEnd(text, at);
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) === 9) return undefined;
    if (isBlankOrComment(text, i, line)) continue;
    const indent = i - at;
    const dash = itemDashColumn(text, at) !== undefined;
    if (column < 0) {
      if (!dash) return undefined;
      column = indent;
    }
    if (indent === column && dash) items.push(at);
    else if (indent <= column) return { keyAt, column, items, end: at };
  }
  return column < 0 ? undefined : { keyAt, column, items, end: text.length };
}

function isPlainKeyStart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return i === from || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

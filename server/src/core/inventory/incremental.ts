/**
 * Re-parses an edited inventory by its entries: the text that changed since the previous version
 * lies inside some `certificates:` items, so only those items are parsed again (on their own, as
 * the block sequence they are) and spliced into the previous Document, whose later nodes move by
 * the edit's length. A keystroke in a 5,000-entry inventory then parses one entry, not 1 MB.
 *
 * Anything this cannot prove equivalent to a whole parse (aliases, syntax errors, an edit outside
 * the list, an item whose dash is not on its first line, a chunk that parses to something other
 * than list items at the list's column) returns undefined, and the caller parses the whole text.
 * test/core/inventory/incremental.test.ts checks random edits against whole parses.
 */
import { isMap, isSeq, type Document, type Node, type YAMLSeq } from 'yaml';
import type { Config } from '../config';
import type { LineEdit } from '../text';
import { DIRECTIVE_PREFIX } from '../suppress';
import { changedRegion, LineIndex } from '../text';
import type { SourceDocument } from '../types';
import { certModelFrom, type CertModel } from './model';
import { endWithLastItem, isAnchorFree, isLocalError, itemDashColumn, moveAll, moveNodesAfter, parseItems, splice } from './itemSplice';
import type { ParsedYaml } from './yaml';

export interface Reparsed {
  model: CertModel;
  /** Set when the edit replaced entries one for one, so entry findings elsewhere still hold. */
  edit?: LineEdit;
}

/**
 * The new model, sharing (and updating in place) the previous model's Document: the previous
 * model must not be used afterwards. Undefined when only a whole parse is safe.
 */
export function reparseCertModel(previous: CertModel, document: SourceDocument, config: Config): Reparsed | undefined {
  const old = previous.text;
  const text = document.text;
  const seq = listOf(previous);
  if (!seq || !previous.inventory || previous.path !== document.path) return undefined;
  const doc = previous.inventory.doc;
  if (!isAnchorFree(doc)) return undefined;
  // Directives are read from CST comments, collected only when the text names one.
  if (text.includes(DIRECTIVE_PREFIX) && !old.includes(DIRECTIVE_PREFIX)) return undefined;

  if (old === text) return { model: certModelFrom(document, config, previous.yaml, previous.inventory), edit: { fromLine: 0, oldEndLine: 0, newEndLine: 0 } };
  const changed = changedRegion(old, text);
  const chunk = chunkAround(previous, seq, changed.start, changed.oldEnd);
  if (!chunk) return undefined;
  const delta = text.length - old.length;
  // The lines after the chunk must still start a line (an edit may have joined them to it).
  if (chunk.end < old.length && text.charCodeAt(chunk.end + delta - 1) !== 10) return undefined;
  const items = parseItems(text, chunk.start, chunk.end + delta, chunk.column, text.includes(DIRECTIVE_PREFIX), chunk.last + 1 < seq.items.length);
  if (!items) return undefined;

  // From here on the previous Document changes: nothing below may fail.
  // From the line break before what follows: an empty key at its line start sits on it (the
  // chunk's own old nodes that end there are replaced anyway).
  moveNodesAfter(doc, chunk.end - 1, delta);
  // Values and their ends (range[0], range[1]) come out as a whole parse gives them. range[2],
  // which runs on over trailing comments to the next token, may stop at the chunk's end instead:
  // nothing reads it, and it only ever lies between range[1] and the next node.
  for (const item of items.nodes) moveAll(item, chunk.start);
  if (chunk.last === seq.items.length - 1) endWithLastItem(doc, seq, items, chunk.start);
  seq.items.splice(chunk.first, chunk.last - chunk.first + 1, ...items.nodes);
  const toDocument = (offset: number) => offset + chunk.start;
  doc.errors = splice(doc.errors, items.errors, chunk, delta, (e) => e.pos[0], (e, move) => {
    e.pos = [move(e.pos[0]), move(e.pos[1])];
    return e;
  }, toDocument);
  const yaml: ParsedYaml = {
    documents: previous.yaml.documents,
    syntaxErrors: splice(previous.yaml.syntaxErrors, items.syntaxErrors, chunk, delta, (e) => e.span.start, (e, move) => ({
      message: e.message,
      span: { start: move(e.span.start), end: move(e.span.end) },
    }), toDocument),
    comments: splice(previous.yaml.comments, items.comments, chunk, delta, (c) => c.offset, (c, move) => ({ offset: move(c.offset), text: c.text }), toDocument),
  };
  const lines = LineIndex.afterEdit(previous.lines, text, changed.start, changed.oldEnd);
  const model = certModelFrom(document, config, yaml, previous.inventory, lines);
  const sameEntries = items.nodes.length === chunk.last - chunk.first + 1;
  if (!sameEntries) return { model };
  const fromLine = previous.lines.positionAt(chunk.start).line;
  return {
    model,
    edit: { fromLine, oldEndLine: endLine(previous, chunk.end), newEndLine: endLine(model, chunk.end + delta) },
  };
}

/** The `certificates:` block sequence of a previous model that parsed cleanly as one inventory document. */
function listOf(previous: CertModel): YAMLSeq | undefined {
  const { yaml, inventory } = previous;
  if (previous.kind !== 'inventory' || !inventory || previous.resources.length > 0) return undefined;
  if (yaml.documents.length !== 1) return undefined;
  const doc = yaml.documents[0];
  if (!doc.errors.every(isLocalError) || doc.warnings.length > 0 || doc !== inventory.doc) return undefined;
  const node = inventory.certificates?.node;
  if (!isSeq(node) || node.flow || node.items.length === 0) return undefined;
  // The list must be the root's own value, not reached through an alias.
  if (inventory.certificates?.pair.value !== node) return undefined;
  return node;
}

interface Chunk {
  /** Items first..last of the list are re-parsed. */
  first: number;
  last: number;
  /** Old-text offsets: the line start of item `first`'s dash, and where item `last`'s lines end. */
  start: number;
  end: number;
  /** Column of the list's dashes. */
  column: number;
}

/** The whole lines of the list items that hold [start, oldEnd), or undefined when the edit leaves the list. */
function chunkAround(previous: CertModel, seq: YAMLSeq, start: number, oldEnd: number): Chunk | undefined {
  const items = seq.items as (Node | null)[];
  const old = previous.text;
  const dashAt = (i: number): { line: number; column: number } | undefined => {
    const node = items[i];
    const at = node?.range?.[0];
    if (at === undefined) return undefined;
    const lineStart = old.lastIndexOf('\n', at - 1) + 1;
    // Only `<spaces>-<spaces>` may precede the item on its line: then its lines start with the dash.
    const column = itemDashColumn(old, lineStart);
    if (column === undefined) return undefined;
    let i2 = lineStart + column + 1;
    while (i2 < at && old.charCodeAt(i2) === 32) i2++;
    return i2 === at && at > lineStart + column + 1 ? { line: lineStart, column } : undefined;
  };
  // The last item whose lines start at or before the edit.
  let lo = 0;
  let hi = items.length - 1;
  const lineStartOf = (i: number) => old.lastIndexOf('\n', (items[i]?.range?.[0] ?? 0) - 1) + 1;
  if (start < lineStartOf(0)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStartOf(mid) <= start) lo = mid;
    else hi = mid - 1;
  }
  const first = lo;
  let last = first;
  while (last + 1 < items.length && lineStartOf(last + 1) < oldEnd) last++;
  const head = dashAt(first);
  if (!head) return undefined;
  let end: number;
  if (last + 1 < items.length) {
    const next = dashAt(last + 1);
    if (!next || next.column !== head.column) return undefined;
    end = next.line;
  } else {
    const after = afterList(previous, seq);
    if (after === undefined) return undefined;
    end = after;
  }
  if (oldEnd > end) return undefined;
  return { first, last, start: head.line, end, column: head.column };
}

/** Where the lines after the list's last item begin: the next root key's line, or the end of the text. */
function afterList(previous: CertModel, seq: YAMLSeq): number | undefined {
  const root = previous.inventory?.root;
  const doc = previous.inventory?.doc;
  if (!root || !doc || doc.contents !== root || !isMap(root)) return undefined;
  const index = root.items.findIndex((pair) => pair.value === seq);
  if (index < 0) return undefined;
  const next = root.items[index + 1];
  if (!next) {
    // Nothing may follow the root map but comments and blank lines (no `...`, no second document).
    const ends = doc.range?.[2];
    return ends === previous.text.length ? previous.text.length : undefined;
  }
  const keyAt = (next.key as Node | null)?.range?.[0];
  if (keyAt === undefined) return undefined;
  const lineStart = previous.text.lastIndexOf('\n', keyAt - 1) + 1;
  return /^[ ]*$/.test(previous.text.slice(lineStart, keyAt)) ? lineStart : undefined;
}

/** The line an offset at a line start (or the text's end) begins; one past the last line at the end. */
function endLine(model: CertModel, offset: number): number {
  if (offset >= model.text.length) return model.lines.lineCount;
  return model.lines.positionAt(offset).line;
}

/**
 * The YAML layer shared by inventories and cert-manager manifests: one parse into CST tokens
 * (for comments and their offsets) and Documents (for values and their ranges).
 */
import { Composer, Parser, YAMLParseError, isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { reachable } from '../limits/walk';
import { DIRECTIVE_PREFIX, parseDirective } from '../suppress';
import type { SuppressionDirective } from '../rule';
import type { LineIndex } from '../text';
import type { Span } from '../types';

export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface ParsedYaml {
  documents: Document.Parsed[];
  syntaxErrors: SyntaxProblem[];
  /** Comments that may hold suppression directives (empty when the text names none). */
  comments: { offset: number; text: string }[];
}

export function parseYaml(text: string): ParsedYaml {
  const { tokens, documents } = composeYaml(text);
  const syntaxErrors = syntaxErrorsOf(documents, text);
  // Comments matter only as suppression directives: a file that names none skips the CST walk.
  const comments = text.includes(DIRECTIVE_PREFIX) ? collectComments(tokens) : [];
  return { documents, syntaxErrors, comments };
}

/** The CST tokens and the Documents composed from them, with the options every parse here uses. */
export function composeYaml(text: string): { tokens: unknown[]; documents: Document.Parsed[] } {
  const tokens = [...new Parser().parse(text)];
  const composer = new Composer({ merge: true, prettyErrors: false, uniqueKeys: false });
  const documents = [...composer.compose(tokens, true, text.length)];
  for (const document of documents) addDuplicateKeyErrors(document);
  return { tokens, documents };
}

/**
 * yaml's own duplicate-key check compares each key with every earlier key of its map: one map of
 * 38,000 keys (a file under the size limit) took 30 s. This is the same check (yaml's equality: the
 * same node, or scalars with equal values; the same error at the key) with one lookup per key.
 */
function addDuplicateKeyErrors(document: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const values = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // NaN equals nothing under ===, so it is never a duplicate; a Set would say it is.
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (values.has(key.value)) found.push(new YAMLParseError(duplicateAt(key), 'DUPLICATE_KEY', 'Map keys must be unique'));
          else values.add(key.value);
        }
        pending.push(key, pair.value);
      }
    }
  }
  if (found.length === 0) return;
  document.errors.push(...found);
  document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

function duplicateAt(key: Node): [number, number] {
  const start = key.range?.[0] ?? 0;
  return [start, start + 1];
}

/** The documents' errors as findings want them: the first per line, messages without positions. */
export function syntaxErrorsOf(documents: Document.Parsed[], text: string): SyntaxProblem[] {
  return firstPerLine(
    documents.flatMap((d) =>
      d.errors.map((e) => ({ message: firstLine(e.message), span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } })),
    ),
    text,
  );
}

/** One broken construct makes the parser cascade; the first error on a line is the one that explains it. */
function firstPerLine(errors: SyntaxProblem[], text: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  let line = 0;
  let scanned = 0;
  let lastLine = -1;
  for (const e of [...errors].sort((a, b) => a.span.start - b.span.start)) {
    // Errors are sorted, so the line count advances in one pass over the text.
    for (; scanned < e.span.start && scanned < text.length; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    if (line === lastLine) continue;
    lastLine = line;
    out.push(e);
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Walks the CST for comments. They sit in the `start`, `sep`, `end` and `props` arrays of tokens
 * and collection items; children are in `value`, `key` and `items`. Visiting those fields only
 * (the CST is a tree) is several times cheaper than a generic walk over every property.
 */
export function collectComments(tokens: unknown[]): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  // Iterative: flow collections can nest deeper than the call stack.
  reachable(tokens, CST_CHILD_FIELDS, (token) => {
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      out.push({ offset: token.offset, text: token.source });
      return false;
    }
  });
  return out.sort((a, b) => a.offset - b.offset);
}

/** Every field of a CST token or collection item that can hold tokens (see yaml's cst.d.ts). */
const CST_CHILD_FIELDS = ['start', 'key', 'sep', 'value', 'items', 'end', 'props'] as const;

export function directivesFrom(comments: { offset: number; text: string }[], lines: LineIndex): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  for (const c of comments) {
    const directive = parseDirective(c.text.replace(/^#/, ''), lines.positionAt(c.offset).line);
    if (directive) out.push(directive);
  }
  return out;
}

/** Span of a node's value (without its trailing comment). */
export function spanOf(node: Node | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  const range = node?.range;
  if (!range) return fallback;
  return { start: range[0], end: Math.max(range[0], range[1]) };
}

/** Follows an alias to its anchored node, once; never expands recursively. */
export function deref(doc: Document.Parsed, node: unknown): Node | null {
  if (!isAlias(node)) return (node as Node | null) ?? null;
  const targets = aliasTargets(doc);
  if (targets.has(node)) return targets.get(node) ?? null;
  try {
    return (node.resolve(doc) as Node | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * What every alias of a Document refers to, found in one walk: yaml's `Alias.resolve` walks the
 * whole document at each call, and every field read through an alias calls it, so an inventory of
 * thousands of entries written with aliases (or with `*.example.com` unquoted, which YAML reads as
 * an alias) took minutes. The same rule as yaml's: the last node before the alias, in the order
 * `visit` walks, with its anchor. A Document holding aliases is never updated in place (the
 * incremental re-parse and the parse by entries take only anchor-free text), so the map holds.
 */
const aliasTargetsOf = new WeakMap<Document.Parsed, Map<Alias, Node | undefined>>();

function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  let targets = aliasTargetsOf.get(doc);
  if (targets) return targets;
  targets = new Map();
  const latest = new Map<string, Node>();
  const found = targets;
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) found.set(node, latest.get(node.source));
      else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  aliasTargetsOf.set(doc, targets);
  return targets;
}

/** The key of a pair as a plain string, when it is a scalar. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  // With merge keys on, `<<` parses to a symbol-valued scalar.
  if (isScalar(key)) return key.value === null ? undefined : typeof key.value === 'symbol' ? '<<' : String(key.value);
  return undefined;
}

/**
 * The first pair of each key in a map, built once per map: rules look up many keys on every
 * entry, and a scan per lookup made a lint of thousands of entries do it tens of thousands of times.
 */
const keyIndexes = new WeakMap<YAMLMap, { length: number; keys: Map<string, Pair> }>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  const cached = keyIndexes.get(map);
  // Rebuilt if a caller ever adds or removes pairs.
  if (cached && cached.length === map.items.length) return cached.keys;
  const keys = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = keyText(pair as Pair);
    if (key !== undefined && !keys.has(key)) keys.set(key, pair as Pair);
  }
  keyIndexes.set(map, { length: map.items.length, keys });
  return keys;
}

/** Maps up to this many keys are scanned: an index per map cost more memory than it saved time. */
const SCANNED_MAP_SIZE = 16;

/** The pair for `key` in a map, looking through `<<` merge keys the way YAML 1.1 merges do. */
export function pairOf(doc: Document.Parsed, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  let own: Pair | typeof MERGES | undefined;
  if (map.items.length > SCANNED_MAP_SIZE) {
    own = keyIndex(map).get(key);
    if (!own && keyIndex(map).has('<<')) own = MERGES;
  } else own = scanFor(map, key);
  if (own !== MERGES) return own;
  if (depth > 5) return undefined;
  for (const pair of map.items) {
    if (keyText(pair) !== '<<') continue;
    const source = deref(doc, pair.value);
    const sources = isSeq(source) ? source.items.map((i) => deref(doc, i)) : [source];
    for (const s of sources) {
      if (!isMap(s)) continue;
      const found = pairOf(doc, s, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** scanFor's answer for a map without `key` that has a `<<` merge key. */
const MERGES = Symbol('merges');

/**
 * The first pair of `key` in a small map, in one scan (which every rule runs on every entry): a
 * string key is compared as it is, keyText (String() of a number, `<<` for a merge key) is called
 * only for the others. Without one, MERGES when the map has a `<<` key, so that a miss scans once.
 */
function scanFor(map: YAMLMap, key: string): Pair | typeof MERGES | undefined {
  let merges = false;
  for (const pair of map.items) {
    const k = pair.key;
    if (!isScalar(k)) continue;
    const text = typeof k.value === 'string' ? k.value : keyText(pair as Pair);
    if (text === key) return pair as Pair;
    if (text === '<<') merges = true;
  }
  return merges ? MERGES : undefined;
}

function valueOf(doc: Document.Parsed, map: YAMLMap, key: string): Node | null {
  const pair = pairOf(doc, map, key);
  return pair ? deref(doc, pair.value) : null;
}

export function stringOf(node: Node | null | undefined): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  return undefined;
}

/** A path of map keys below a node: `at(doc, root, 'spec', 'acme', 'email')`. */
export function at(doc: Document.Parsed, node: Node | null, ...keys: string[]): Node | null {
  let current: Node | null = node;
  for (const key of keys) {
    if (!isMap(current)) return null;
    current = valueOf(doc, current, key);
  }
  return current;
}

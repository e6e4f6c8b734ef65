/**
 * A post-mortem's YAML front matter, read with the `yaml` Document API: its values as plain data
 * (`data`, what most readers want) and its nodes with their places in the document, so that a
 * finding or a hover lands on the key or value it is about.
 */
import type { Yaml } from 'mdast';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { MAX_ALIAS_COUNT } from '../limits';
import { quoteText } from '../quote';
import type { Span } from '../types';
import { spanOf } from './runs';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The whole block, fences included. */
  span: Span;
  /** The YAML between the fences, and it parsed: node ranges plus `offset` are document offsets (see nodeSpan). */
  text: string;
  yaml: Document.Parsed;
  /** Where the YAML text starts in the document (the line after the opening `---`). */
  offset: number;
  /** Why `data` is empty although the block is not (a sentence without its full stop): not YAML, or not a mapping. */
  problem?: { message: string; span: Span };
}

export type FrontMatterPath = readonly (string | number)[];

export function readFrontMatter(node: Yaml, text: string): FrontMatter {
  const span = spanOf(node);
  const offset = contentOffset(node, text, span);
  // The parser's own check of unique keys compares each key with every other: minutes for a
  // front matter of 100,000 keys. duplicateKey does it with a set.
  const yaml = parseDocument(node.value, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const frontMatter: FrontMatter = { data: {}, span, text: node.value, yaml, offset };
  const error = yaml.errors[0];
  const duplicate = error ? undefined : duplicateKey(frontMatter);
  if (duplicate) {
    frontMatter.problem = duplicate;
    return frontMatter;
  }
  if (error) {
    const start = offset + Math.min(error.pos[0], node.value.length);
    frontMatter.problem = { message: `Front matter is not valid YAML (${firstLine(error.message)})`, span: { start, end: Math.max(start, offset + Math.min(error.pos[1], node.value.length)) } };
    return frontMatter;
  }
  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Too many aliases (a "billion laughs"): the same answer as any other broken YAML.
    frontMatter.problem = { message: `Front matter is not read (${firstLine((e as Error).message)})`, span: openingFence(span) };
    return frontMatter;
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && !(data instanceof Date)) frontMatter.data = data as Record<string, unknown>;
  else if (data !== null && data !== undefined) {
    frontMatter.problem = { message: `Front matter should be a mapping of keys (title: …, date: …), not ${Array.isArray(data) ? 'a list' : 'a single value'}`, span: nodeSpan(frontMatter, yaml.contents) ?? openingFence(span) };
  }
  return frontMatter;
}

/** The first key given twice in one mapping: YAML forbids it, and which value counts is anyone's guess. */
function duplicateKey(frontMatter: FrontMatter): FrontMatter['problem'] {
  let found: FrontMatter['problem'];
  visit(frontMatter.yaml, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          found = { message: `Front matter gives the key \`${quoteText(key)}\` twice`, span: keySpan(frontMatter, pair) ?? openingFence(frontMatter.span) };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** The line after the opening fence, where remark's `value` starts; CRLF and trailing blanks allowed. */
function contentOffset(node: Yaml, text: string, span: Span): number {
  const lineEnd = text.indexOf('\n', span.start);
  const after = lineEnd < 0 ? span.end : lineEnd + 1;
  if (text.startsWith(node.value, after)) return after;
  const found = text.indexOf(node.value, span.start);
  return found >= 0 && found < span.end ? found : after;
}

/** The opening `---`: where a finding about the front matter as a whole goes. */
export function openingFence(span: Span): Span {
  return { start: span.start, end: span.start + 3 };
}

/** A node's place in the document (its value, without a trailing comment); undefined for none. */
export function nodeSpan(frontMatter: FrontMatter, node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: frontMatter.offset + range[0], end: frontMatter.offset + Math.max(range[0], range[1]) };
}

export interface Located {
  /** The value at the path; null for a key with no value (`severity:`). */
  node: Node | null;
  /** The pair holding it, when it is a mapping's value. */
  pair?: Pair<unknown, unknown>;
}

/** The node at a path of keys and indexes (as a JSON Schema validator names it), through aliases. */
export function locate(frontMatter: FrontMatter, path: FrontMatterPath): Located | undefined {
  let node: Node | null = resolve(frontMatter, frontMatter.yaml.contents);
  let pair: Pair<unknown, unknown> | undefined;
  for (const step of path) {
    if (isMap(node)) {
      pair = node.items.find((p) => keyText(p) === String(step));
      if (!pair) return undefined;
      node = resolve(frontMatter, pair.value as Node | null);
    } else if (isSeq(node) && /^\d+$/.test(String(step))) {
      const item = node.items[Number(step)] as Node | null | undefined;
      if (item === undefined) return undefined;
      pair = undefined;
      node = resolve(frontMatter, item);
    } else {
      return undefined;
    }
  }
  return { node, pair };
}

function resolve(frontMatter: FrontMatter, node: Node | null | undefined): Node | null {
  if (isAlias(node)) return (node.resolve(frontMatter.yaml) as Node | undefined) ?? null;
  return node ?? null;
}

/** A pair's key as text (`incident`, `2026`), or undefined for a key that is a collection. */
export function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key as Node | null;
  if (isScalar(key)) return key.value === null ? undefined : String(key.value);
  return typeof pair.key === 'string' ? pair.key : undefined;
}

/** The span of a pair's key. */
export function keySpan(frontMatter: FrontMatter, pair: Pair<unknown, unknown>): Span | undefined {
  return nodeSpan(frontMatter, pair.key as Node | null);
}

/** A parser's message, which may quote the document: its first line, short and escaped. */
function firstLine(message: string): string {
  return quoteText(message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), 120);
}

/** A key or value as YAML writes it: plain when that reads back as the same text, quoted otherwise. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z][\w .\-/]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Limits that keep one hostile or broken document from hanging or crashing every front end. */
import type { DocumentKind } from '../types';
import { markdownDepth, MAX_NESTING_DEPTH, yamlDepth } from './nesting';

export { MAX_NESTING_DEPTH } from './nesting';
export { preorder, reachable } from './walk';

/**
 * Bounds alias expansion wherever YAML is turned into plain JS (front matter, the config file), so
 * a "billion laughs" document fails fast. The inventory model never does: it walks nodes and
 * follows an alias one step (deref), which costs nothing.
 */
export const MAX_ALIAS_COUNT = 100;

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** How deep the document nests, as the parser for `kind` would see it (front matter included). */
export function nestingDepth(kind: DocumentKind, text: string): number {
  if (kind !== 'postmortem') return yamlDepth(text);
  const front = FRONT_MATTER.exec(text)?.[1];
  return Math.max(markdownDepth(text), front ? yamlDepth(front) : 0);
}

/** The reason a document is not parsed as `kind`, or undefined when it may be. */
export function tooDeep(kind: DocumentKind, text: string): string | undefined {
  const depth = nestingDepth(kind, text);
  if (depth <= MAX_NESTING_DEPTH) return undefined;
  return `Not checked: the document nests ${depth} levels deep (lists, quotes, emphasis or YAML collections); more than ${MAX_NESTING_DEPTH} is not parsed, so that editing it stays fast.`;
}

/** A stack overflow inside a parser: a document too deep to check, not a bug to report. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** UTF-8 size, which is what maxFileSizeBytes means (the text's length counts UTF-16 units). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

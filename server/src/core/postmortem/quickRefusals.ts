/**
 * Quick refusals for the GFM constructs that cost the most while matching least: a table is tried
 * at the start of every line and reads the whole line before it can fail on the next one; an
 * e-mail autolink literal is tried at every word. Each refusal is a necessary condition read from
 * the document's source at the tokenizer's offset (micromark gives a construct no look-ahead):
 * when it fails, the construct itself would have failed too, so the tree is the same, only
 * sooner. When it holds, the real construct decides.
 */
import type { Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

/** The text being parsed; parsing is synchronous, so one at a time. */
let source: string | undefined;

/** Runs `parse` with the quick refusals reading `text`. */
export function withSource<T>(text: string, parse: () => T): T {
  const outer = source;
  source = text;
  try {
    return parse();
  } finally {
    source = outer;
  }
}

type MayStart = (text: string, offset: number, context: TokenizeContext) => boolean;

/** `construct`, refusing at once where `mayStart` says it cannot match. */
export function guarded(construct: Construct, mayStart: MayStart): Construct {
  const tokenize = construct.tokenize;
  return {
    ...construct,
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const text = source;
      if (text !== undefined && !mayStart(text, this.now().offset, this)) return nok;
      return tokenize.call(this, effects, ok, nok);
    },
  };
}

/** The end of the line starting at or before `offset`: the index of its line ending, or -1. */
function lineEnd(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * A table head needs a delimiter row on the next line, and a delimiter row has a `-` and a `|` or
 * `:` (micromark-extension-gfm-table: a cell value is `:?-+:?`, and without `|` or `:` the line is
 * a thematic break or setext underline). The source line may carry container prefixes (`> `):
 * extra characters only make the condition true more often, never false wrongly.
 */
export function delimiterRowMayFollow(text: string, offset: number): boolean {
  const end = lineEnd(text, offset);
  if (end === -1) return false;
  const start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  let dash = false;
  let pipeOrColon = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 45) dash = true;
    else if (c === 124 || c === 58) pipeOrColon = true;
    if (dash && pipeOrColon) return true;
  }
  return false;
}

/** The table's own test for a body row: the last flow event (past line endings and prefixes) is a table's. */
function continuesTable(context: TokenizeContext): boolean {
  const events = context.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const type: string = events[i][1].type;
    if (type === 'lineEnding' || type === 'linePrefix') continue;
    return type === 'tableHead' || type === 'tableRow';
  }
  return false;
}

const tableMayStart: MayStart = (text, offset, context) => continuesTable(context) || delimiterRowMayFollow(text, offset);

/** GFM's atext (micromark-extension-gfm-autolink-literal): `+ - . _` and ASCII letters and digits. */
function isAtext(c: number): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An e-mail literal is atext up to an `@`. */
export function emailMayStart(text: string, offset: number): boolean {
  let i = offset;
  while (i < text.length && isAtext(text.charCodeAt(i))) i++;
  return i > offset && text.charCodeAt(i) === 64;
}

const WWW = /[Ww]{3}\./y;
const HTTP = /[Hh][Tt][Tt][Pp][Ss]?:\/\//y;

function startsWith(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

const REFUSALS: Record<string, MayStart> = {
  table: tableMayStart,
  emailAutolink: emailMayStart,
  wwwAutolink: (text, offset) => startsWith(WWW, text, offset),
  protocolAutolink: (text, offset) => startsWith(HTTP, text, offset),
};

type ConstructMap = NonNullable<Extension['flow']>;

function guardMap(map: ConstructMap | undefined): ConstructMap | undefined {
  if (!map) return map;
  const out: ConstructMap = {};
  for (const [code, value] of Object.entries(map)) {
    const guard = (c: Construct) => (c.name && REFUSALS[c.name] ? guarded(c, REFUSALS[c.name]) : c);
    out[code as unknown as number] = Array.isArray(value) ? value.map(guard) : value && guard(value as Construct);
  }
  return out;
}

/** Plugin: the quick refusals on whatever table and autolink-literal constructs the processor has. */
export function quickRefusals(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  data.micromarkExtensions = data.micromarkExtensions?.map((extension) => {
    const out = { ...extension };
    if (extension.flow) out.flow = guardMap(extension.flow);
    if (extension.text) out.text = guardMap(extension.text);
    return out;
  });
}

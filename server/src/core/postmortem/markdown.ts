import type { Root } from 'mdast';
import type { Construct, Extension, ParseContext } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { quickRefusals, withSource } from './quickRefusals';

/**
 * Link and footnote definitions of the whole document, as micromark keys them. A part of a
 * document parsed alone (pieces.ts) is told them, so `[x]` there is a reference when the whole
 * document defines `x`, as it would be in a whole parse.
 */
export interface KnownDefinitions {
  links: string[];
  footnotes: string[];
}

/** micromark's key for a label (micromark-util-normalize-identifier): whitespace collapsed, case folded. */
export function definitionKey(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

let known: KnownDefinitions | undefined;
const seeded = new WeakSet<object>();

/**
 * Seeds the parser's definition lists before the first bracket of inline text is read (references
 * are looked up at a label's `]`, footnote calls at their `[`), then steps aside: it never matches.
 */
const seedDefinitions: Construct = {
  name: 'incidentDocsKnownDefinitions',
  tokenize(_effects, _ok, nok) {
    const parser = this.parser as ParseContext & { gfmFootnotes?: string[] };
    if (known && !seeded.has(parser)) {
      seeded.add(parser);
      const footnotes = (parser.gfmFootnotes ??= []);
      for (const key of known.links) parser.defined.push(key);
      for (const key of known.footnotes) footnotes.push(key);
    }
    return nok;
  },
};
// `[` starts references and footnote calls, `]` ends labels (where references are looked up), `!` images.
const seedExtension: Extension = { text: { 33: seedDefinitions, 91: seedDefinitions, 93: seedDefinitions } };

function knownDefinitionsPlugin(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  // Added last, so micromark tries it first for `[`, before references and footnote calls.
  (data.micromarkExtensions ??= []).push(seedExtension);
}

/** What a GFM autolink literal needs somewhere in the text: `www.`, `http(s)://`, an e-mail's `@`. */
const AUTOLINK_TRIGGER = /@|www\.|http/i;
const AUTOLINK_CONSTRUCTS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);

/**
 * remark-gfm without its autolink literals, for text where none can be: they try every `w`, `h`
 * and word character and walk every text node afterwards, a third of a table's parse.
 */
function withoutAutolinkLiterals(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: unknown[] };
  data.micromarkExtensions = data.micromarkExtensions?.map((extension) => {
    if (!extension.text) return extension;
    const text: NonNullable<Extension['text']> = {};
    for (const [code, constructs] of Object.entries(extension.text)) {
      const kept = (Array.isArray(constructs) ? constructs : [constructs]).filter((c) => !AUTOLINK_CONSTRUCTS.has((c as Construct).name ?? ''));
      if (kept.length > 0) text[Number(code)] = kept as Construct[];
    }
    return { ...extension, text };
  });
  const isAutolinkLiteral = (e: unknown) => !!(e as { enter?: Record<string, unknown> }).enter?.literalAutolink;
  data.fromMarkdownExtensions = data.fromMarkdownExtensions?.map((e) => (Array.isArray(e) ? e.filter((x) => !isAutolinkLiteral(x)) : e));
}

// Frozen once: building a processor per document costs more than parsing a small one.
const base = () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(quickRefusals);
const processors = {
  full: base().freeze(),
  fullSeeded: base().use(knownDefinitionsPlugin).freeze(),
  lite: base().use(withoutAutolinkLiterals).freeze(),
  liteSeeded: base().use(withoutAutolinkLiterals).use(knownDefinitionsPlugin).freeze(),
};

/** Markdown to mdast with GFM tables and YAML front matter; positions carry UTF-16 offsets. */
export function parseMarkdown(text: string, definitions?: KnownDefinitions): Root {
  const autolinks = AUTOLINK_TRIGGER.test(text);
  if (!definitions || (definitions.links.length === 0 && definitions.footnotes.length === 0)) {
    return withSource(text, () => (autolinks ? processors.full : processors.lite).parse(text) as Root);
  }
  known = definitions;
  try {
    return withSource(text, () => (autolinks ? processors.fullSeeded : processors.liteSeeded).parse(text) as Root);
  } finally {
    known = undefined;
  }
}

import type { Root } from 'mdast';
import type { Construct, Extension, ParseContext } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

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
      parser.defined.push(...known.links);
      (parser.gfmFootnotes ??= []).push(...known.footnotes);
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

// Frozen once: building a processor per document costs more than parsing a small one.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const seededProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(knownDefinitionsPlugin).freeze();

/** Markdown to mdast with GFM tables and YAML front matter; positions carry UTF-16 offsets. */
export function parseMarkdown(text: string, definitions?: KnownDefinitions): Root {
  if (!definitions || (definitions.links.length === 0 && definitions.footnotes.length === 0)) return processor.parse(text) as Root;
  known = definitions;
  try {
    return seededProcessor.parse(text) as Root;
  } finally {
    known = undefined;
  }
}

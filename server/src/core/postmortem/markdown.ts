import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// Frozen once: building a processor per document costs more than parsing a small one.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Markdown to mdast with GFM tables and YAML front matter; positions carry UTF-16 offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * The Markdown parsers the core is built on, bare: remark with GFM and front matter (what the core
 * parses with), and CommonMark with front matter only. The floors P1b (in-process) and P6 (a whole
 * process, measure/remarkFloor.ts) measure against, one definition for both.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const withGfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
export const commonMark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

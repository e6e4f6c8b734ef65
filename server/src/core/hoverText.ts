/**
 * Hovers are written in Markdown; document text goes into them escaped, and a client that cannot
 * show Markdown (its hover `contentFormat` lacks it) gets the same hover as plain text.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { parseMarkdown } from './postmortem/markdown';
import { quoteText } from './quote';

/** Characters Markdown may read as syntax, each escaped with a backslash. */
const MARKDOWN_SYNTAX = /[\\`*_[\]<>|~&#]/g;

/** Document text for a Markdown hover: quoted (short, one line, controls escaped) and shown as written. */
export function markdownText(text: string, max?: number): string {
  return quoteText(text, max).replace(MARKDOWN_SYNTAX, (c) => `\\${c}`);
}

/** A Markdown hover as plain text: emphasis and code marks dropped, escapes undone, lists and paragraphs kept on their lines. */
export function plainTextOf(markdown: string): string {
  return blocks(parseMarkdown(markdown), markdown);
}

function blocks(parent: Root | Extract<Nodes, { children: RootContent[] }>, source: string): string {
  let out = '';
  let previousEnd: number | undefined;
  for (const node of parent.children as RootContent[]) {
    const start = node.position?.start.offset ?? 0;
    if (previousEnd !== undefined) out += /\n[ \t]*\n/.test(source.slice(previousEnd, start)) ? '\n\n' : '\n';
    out += block(node, source);
    previousEnd = node.position?.end.offset ?? start;
  }
  return out;
}

function block(node: RootContent, source: string): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inline(node.children);
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          return marker + blocks(item, source).replace(/\n/g, `\n${' '.repeat(marker.length)}`);
        })
        .join('\n');
    case 'blockquote':
      return blocks(node, source);
    case 'code':
    case 'html':
      return node.value;
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell.children)).join(' | ')).join('\n');
    case 'thematicBreak':
      return '---';
    default:
      return 'children' in node ? blocks(node as Extract<Nodes, { children: RootContent[] }>, source) : '';
  }
}

function inline(nodes: PhrasingContent[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'inlineCode':
        case 'html':
          return n.value;
        case 'break':
          return '\n';
        case 'image':
          return n.alt ?? '';
        case 'link': {
          const text = inline(n.children);
          return text === n.url || !n.url ? text : `${text} (${n.url})`;
        }
        default:
          return 'children' in n ? inline(n.children as PhrasingContent[]) : '';
      }
    })
    .join('');
}

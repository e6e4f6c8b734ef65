import type { SourceDocument } from '../types';

const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|mkdn|mdx)$/i;
const OTHER_KNOWN_EXTENSIONS = /\.(ya?ml|json|txt|ts|js|py|go|rs|java|html?)$/i;
const MARKDOWN_LANGUAGE_IDS = new Set(['markdown', 'md', 'mdx']);

/** A title that names the document a post-mortem. */
export const POSTMORTEM_TITLE = /post[- ]?mortem|incident (review|report)|retrospective/i;

/**
 * Markdown by path first, then by the editor's language id, then by content (a client may say
 * `plaintext` for an untitled buffer). The post-mortem decision itself is made on the parsed model.
 */
export function isMarkdownDocument(document: SourceDocument): boolean {
  const path = document.path ?? '';
  if (MARKDOWN_EXTENSIONS.test(path)) return true;
  if (document.languageId && MARKDOWN_LANGUAGE_IDS.has(document.languageId)) return true;
  if (OTHER_KNOWN_EXTENSIONS.test(path)) return false;
  if (document.languageId && document.languageId !== 'plaintext') return false;
  // No telling extension or language: Markdown if it starts with front matter or has an ATX heading.
  return /^---\r?\n/.test(document.text) || /^#{1,6}[ \t]+\S/m.test(document.text.slice(0, 20_000));
}

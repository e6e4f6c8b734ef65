import type { Nodes, Paragraph, RootContent } from 'mdast';
import { runsText, spanOf, textRuns } from './runs';

/** Words that mark an italic paragraph as an instruction to the author rather than content. */
const GUIDANCE_WORDS =
  /\b(be specific|include|list|describe|explain|example|e\.g\.|summar|fill|insert|add |enter|provide|should|this is|what|how|why|who|when|where|replace|delete|remove|template|optional|tbd|todo)\b/i;

/** `{{ incident date: yyyy-mm-dd }}`, `{{ hh:mm }}`. */
export const CURLY_PLACEHOLDER = /\{\{[^{}\n]{0,200}\}\}/g;

/** `<START OF OUTAGE>`: an all-caps pseudo-tag, never a real HTML element. */
const CAPS_MARKER = /^<[A-Z][A-Z0-9]*(?:[ _-][A-Z0-9]+)+>$|^<[A-Z]{3,}[A-Z0-9_]*>$/;

const HTML_ELEMENT_NAMES = new Set(['TABLE', 'DIV', 'SPAN', 'BR', 'HR', 'IMG', 'CODE', 'PRE', 'DETAILS', 'SUMMARY', 'IFRAME', 'STRONG', 'EM', 'SUP', 'SUB']);

export function isCapsMarker(html: string): boolean {
  const value = html.trim();
  if (!CAPS_MARKER.test(value)) return false;
  const name = /^<([A-Z0-9]+)/.exec(value)?.[1] ?? '';
  return !HTML_ELEMENT_NAMES.has(name);
}

/**
 * An italic-only paragraph that reads as an instruction ("*Be specific here...*",
 * "*What details contributed to the incident?*"), the way templates leave guidance behind.
 */
export function isGuidanceParagraph(node: Paragraph, source: string): boolean {
  let emphasisText = '';
  for (const child of node.children) {
    if (child.type === 'emphasis') emphasisText += runsText(textRuns(child, source)) + ' ';
    else if (child.type === 'break') continue;
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else return false;
  }
  const text = emphasisText.trim();
  if (text.length < 3) return false;
  return /\?\s*$/.test(text) || GUIDANCE_WORDS.test(text);
}

/** Placeholder-only text: `{{ ... }}`, `TBD`, `N/A`, `XXX`. */
function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  const withoutCurly = t.replace(CURLY_PLACEHOLDER, '').trim();
  return withoutCurly === '' || /^(tbd|todo|n\/?a|x{3,}|\.\.\.|…|-+|\?+)$/i.test(withoutCurly);
}

/** A block is filler when it carries nothing a reader needs: guidance, placeholders, comments. */
export function isFillerBlock(node: RootContent, source: string, isEmptyTable: (node: RootContent) => boolean): boolean {
  // Lists and quotes are filler when every block inside is: checked with a work list, not recursion.
  const pending: RootContent[] = [node];
  while (pending.length > 0) {
    const block = pending.pop()!;
    if (block.type === 'list') for (const item of block.children) for (const c of item.children) pending.push(c as RootContent);
    else if (block.type === 'blockquote') for (const c of block.children) pending.push(c as RootContent);
    else if (!isFillerLeaf(block, source, isEmptyTable)) return false;
  }
  return true;
}

function isFillerLeaf(node: RootContent, source: string, isEmptyTable: (node: RootContent) => boolean): boolean {
  switch (node.type) {
    case 'paragraph':
      return isGuidanceParagraph(node, source) || isPlaceholderText(runsText(textRuns(node, source)));
    case 'html':
      return /^\s*<!--[\s\S]*-->\s*$/.test(node.value) || isCapsMarker(node.value) || isEmptyTable(node);
    case 'table':
      return isEmptyTable(node);
    case 'thematicBreak':
    case 'definition':
      return true;
    default:
      return false;
  }
}

export function nodeText(node: Nodes, source: string): string {
  return runsText(textRuns(node, source));
}

export { spanOf };

import type { Blockquote, Nodes, Paragraph, RootContent } from 'mdast';
import type { Span } from '../types';
import { runsText, spanOf, textRuns } from './runs';
import { normalizeGuidance } from './guidance';
import { isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable, type Table, type TableRow } from './tables';

/** Words that mark an italic paragraph as an instruction to the author rather than content. */
const GUIDANCE_WORDS =
  /\b(be specific|include|list|describe|explain|example|e\.g\.|summar|fill|insert|add |enter|provide|should|this is|what|how|why|who|when|where|replace|delete|remove|template|optional|tbd|todo|copy|paste|goes here|link to|to be done|schedule)\b/i;
/** Imperatives a template's prompt starts with ("> Briefly summarize what happened…"). */
const PROMPT_START = /^(briefly|summari[sz]e|describe|list|include|explain|provide|give|add|insert|write|copy|link|enter|fill)\b/i;

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

/** Placeholder-only text: `{{ ... }}`, `TBD`, `N/A`, `XXX`, an empty task box `[ ]`. */
export function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  const withoutCurly = t.replace(CURLY_PLACEHOLDER, '').trim();
  return withoutCurly === '' || /^(tbd|todo|n\/?a|x{3,}|y{3,}|z{3,}|\.\.\.|\u2026|-+|\?+|\[[ xX]?\])$/i.test(withoutCurly);
}

/**
 * A value someone meant to fill in: `?`, `?mins`, `??% (?? of ??)`, `XXX`, `TBD`. A real value
 * never starts with a question mark. `N/A` only where `asksNumber` (the row asks for a count,
 * a time or a share): elsewhere "not applicable" is an answer.
 */
export function isPlaceholderValue(text: string, asksNumber = false): boolean {
  const t = text.trim();
  if (/^\?/.test(t)) return true;
  if (/^(x{3,}|y{3,}|z{3,}|tbd|todo)$/i.test(t)) return true;
  return asksNumber && /^n\/a\.?$/i.test(t);
}

/** A row label that asks for a number: "Time in SEV-1", "Users Affected", "Time to detection". */
export const ASKS_NUMBER = /\b(time|duration|number|count|how many|percent|%|minutes|hours|affected|dropped|delivered|raised|ttd|ttr|mttr|mttd)\b/i;

/** "Time to detection: ?" / "**Category:** XXX": a label whose value was left as a placeholder. */
export function labelPlaceholder(text: string): { label: string; value: string } | undefined {
  const m = /^([^:\n]{1,60}):\s*(\S.{0,40})$/.exec(text.trim());
  if (!m) return undefined;
  // "Time to detection: N/A" is an answer (nothing was detected); only a table cell asks strictly for a number.
  return isPlaceholderValue(m[2]) ? { label: m[1], value: m[2] } : undefined;
}

/**
 * "**Postmortem Owner:** _Your name goes here._": a bold label whose value is italic guidance.
 * Returns the italic part.
 */
export function labelledGuidance(node: Paragraph, source: string): Nodes | undefined {
  const meaningful = node.children.filter((c) => !(c.type === 'text' && /^[\s:]*$/.test(c.value)) && c.type !== 'break');
  if (meaningful.length !== 2) return undefined;
  const [label, value] = meaningful;
  if (label.type !== 'strong' || value.type !== 'emphasis') return undefined;
  const text = runsText(textRuns(value, source));
  return text.length >= 3 && (/\?\s*$/.test(text) || GUIDANCE_WORDS.test(text)) ? value : undefined;
}

/**
 * A blockquote that is a template's prompt, not a quote: every paragraph a question, an
 * instruction, or a bare title ("> Summary", "> What Happened?", "> Briefly summarize…").
 */
export function isPromptBlockquote(node: Blockquote, source: string): boolean {
  if (node.children.length === 0) return false;
  return node.children.every((child) => {
    if (child.type !== 'paragraph') return false;
    if (child.children.some((c) => c.type !== 'text' && c.type !== 'emphasis' && c.type !== 'strong' && c.type !== 'break')) return false;
    const text = runsText(textRuns(child, source));
    if (!text) return false;
    if (/\?$/.test(text) && text.length <= 200 && /^(did|do|does|was|were|is|are|what|how|why|who|when|where|which|could|can|should|would|will|have|has)\b/i.test(text)) return true;
    if (PROMPT_START.test(text)) return true;
    return /^[\p{L} ]+$/u.test(text) && text.split(/\s+/).length <= 3;
  });
}

/** `TODO`, `TBD`, `FIXME` written in capitals: a note to the author left in. */
export const TODO_MARKER = /(?<![\w-])(?:TODO|TBD|FIXME)(?![\w-])/g;

/** A table with no content: every row empty, or a key/value table whose values are all placeholders. */
export function isEmptyTable(node: RootContent, source: string): boolean {
  if (node.type !== 'table' && !(node.type === 'html' && isHtmlTable(node))) return false;
  const table = node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node, source);
  return table.rows.every(isEmptyRow) || isPlaceholderTable(table);
}

function isPlaceholderTable(table: Table): boolean {
  if (table.rows.length === 0 || table.rows.some((r) => r.cells.length < 2)) return false;
  return table.rows.every((row) => placeholderCells(row).length > 0 && row.cells.slice(1).every((c) => c.text === '' || placeholderCells(row).includes(c)));
}

/** The value cells of a key/value row left as placeholders (`?mins`, `??%`, `N/A` for a count). */
export function placeholderCells(row: TableRow): TableRow['cells'] {
  const asksNumber = ASKS_NUMBER.test(row.cells[0]?.text ?? '');
  return row.cells.slice(1).filter((c) => c.text !== '' && c.links.length === 0 && isPlaceholderValue(c.text, asksNumber));
}

/** Text the configured template holds as guidance (teamTemplate.ts), normalized. */
export type TemplateGuidance = ReadonlySet<string>;

/** A paragraph or blockquote whose text is the configured template's own guidance. */
export function isTemplateGuidance(node: Nodes, source: string, guidance: TemplateGuidance | undefined): boolean {
  if (!guidance || guidance.size === 0) return false;
  const text = nodeText(node, source);
  return text !== '' && guidance.has(normalizeGuidance(text));
}

/** A block is filler when it carries nothing a reader needs: guidance, placeholders, comments. */
export function isFillerBlock(node: RootContent, source: string, guidance?: TemplateGuidance): boolean {
  // Lists and quotes are filler when every block inside is: checked with a work list, not recursion.
  const pending: RootContent[] = [node];
  while (pending.length > 0) {
    const block = pending.pop()!;
    if (block.type === 'list') for (const item of block.children) for (const c of item.children) pending.push(c as RootContent);
    else if (block.type === 'blockquote' && (isPromptBlockquote(block, source) || isTemplateGuidance(block, source, guidance))) continue;
    else if (block.type === 'blockquote') for (const c of block.children) pending.push(c as RootContent);
    else if (!isFillerLeaf(block, source, guidance)) return false;
  }
  return true;
}

function isFillerLeaf(node: RootContent, source: string, guidance?: TemplateGuidance): boolean {
  switch (node.type) {
    case 'paragraph': {
      if (isGuidanceParagraph(node, source) || labelledGuidance(node, source) || isTemplateGuidance(node, source, guidance)) return true;
      const text = runsText(textRuns(node, source));
      return isPlaceholderText(text) || !!labelPlaceholder(text);
    }
    case 'html':
      return /^\s*<!--[\s\S]*-->\s*$/.test(node.value) || isCapsMarker(node.value) || isEmptyTable(node, source);
    case 'table':
      return isEmptyTable(node, source);
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

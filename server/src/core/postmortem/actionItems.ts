import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { preorder } from '../limits/walk';
import type { Span } from '../types';
import { runsText, spanOf, textRuns } from './runs';
import type { Section } from './sections';
import { columnIndex, isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable, type Table, type TableCell } from './tables';
import { linkDefinitions, nodeLinks } from './tickets';

export interface ActionItem {
  /** The row or list item. */
  span: Span;
  /** Where findings go: the item's cell, or the item's first paragraph. */
  labelSpan: Span;
  text: string;
  /** Source text searched for tickets: keys, #123 and link targets are all in it (sub-items included). */
  source: string;
  /** Link targets (Markdown links, resolved references, autolinks, HTML anchors), sub-items included. */
  links: string[];
  /** Present when the item's table has a Status column. */
  status?: TableCell;
  /** Marked done (✅, "(Completed)", a checked box, a "has been done" note, a "Completed" heading): not open work. */
  done: boolean;
  /**
   * Source text around the item that may name the ticket for a whole group: the headings above it
   * inside the action section, and the paragraphs just before and after its list or table.
   */
  context: { source: string; links: string[] }[];
}

export interface ActionItems {
  /** Every action section (Action Items, Follow-ups, Remediation…), outermost only. */
  sections: Section[];
  items: ActionItem[];
}

const ACTION_HEADING = /^(action items?|actions?|follow ?ups?|follow up (items|actions)|next steps|remediation( items| actions)?|corrective actions?|todos?|to dos?)\b/;
/** "Actions taken" lists what was done during the incident: the resolution, not follow-up work. */
const NOT_ACTION_HEADING = /^actions? (taken|performed|done)\b/;
const ITEM_COLUMN = /action|item|task|description|what/i;
const STATUS_COLUMN = /^\s*status\s*$/i;
/** Marks that say an item is finished. */
const DONE_MARK =
  /[✅✔☑]|\((?:completed?|done|fixed|resolved|shipped|merged|implemented)\)|\b(?:has|have) been (?:done|completed|fixed|implemented|addressed|resolved|merged|shipped)\b|^(?:done|completed|fixed)\b\s*[:.–—-]/i;
const DONE_HEADING = /\b(completed?|done|finished)\b/;
/** "**Action item:** …" as a paragraph of its own. */
const ACTION_LABEL = /^(?:action items?|follow[- ]?ups?|ai|todo)\s*:?\s*$/i;

export function findActionSections(sections: Section[]): Section[] {
  const found: Section[] = [];
  for (const s of sections) {
    if (!ACTION_HEADING.test(s.heading.normalized) || NOT_ACTION_HEADING.test(s.heading.normalized)) continue;
    if (found.some((f) => isInside(s, f))) continue; // a "Follow-ups" under "Action Items" is part of it
    found.push(s);
  }
  return found;
}

function isInside(section: Section, ancestor: Section): boolean {
  for (let p = section.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

export function buildActionItems(sections: Section[], root: Root, source: string): ActionItems | undefined {
  const definitions = linkDefinitions(root);
  const items: ActionItem[] = [];
  for (const section of sections) sectionItems(section, source, definitions, items);
  labelledParagraphs(root, source, definitions, items);
  if (sections.length === 0 && items.length === 0) return undefined;
  items.sort((a, b) => a.span.start - b.span.start);
  return { sections, items };
}

interface Context {
  source: string;
  links: string[];
}

function sectionItems(section: Section, source: string, definitions: Map<string, string>, out: ActionItem[]): void {
  // The headings above a block inside the section, by depth: their tickets cover what is under them.
  const headings: { depth: number; context: Context; done: boolean }[] = [
    { depth: section.heading.depth, context: contextOf(section.heading.node, source, definitions), done: DONE_HEADING.test(section.heading.normalized) },
  ];
  const nodes = section.nodes;
  nodes.forEach((node, i) => {
    if (node.type === 'heading') {
      while (headings.length > 1 && headings[headings.length - 1].depth >= node.depth) headings.pop();
      const text = runsText(textRuns(node, source)).toLowerCase();
      headings.push({ depth: node.depth, context: contextOf(node, source, definitions), done: DONE_HEADING.test(text) });
      return;
    }
    const isTable = node.type === 'table' || (node.type === 'html' && isHtmlTable(node));
    if (!isTable && node.type !== 'list') return;
    const context = headings.map((h) => h.context);
    for (const neighbour of [nodes[i - 1], nodes[i + 1]]) {
      if (neighbour?.type === 'paragraph') context.push(contextOf(neighbour, source, definitions));
    }
    const done = headings.some((h) => h.done);
    const before = out.length;
    if (node.type === 'list') listItems(node, source, definitions, out);
    else tableItems(node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node as never, source), source, out);
    for (let k = before; k < out.length; k++) {
      out[k].context = context;
      out[k].done ||= done;
    }
  });
}

function contextOf(node: RootContent, source: string, definitions: Map<string, string>): Context {
  const span = spanOf(node);
  return { source: source.slice(span.start, span.end), links: nodeLinks(node, definitions) };
}

function tableItems(table: Table, source: string, out: ActionItem[]): void {
  let itemCol = columnIndex(table, ITEM_COLUMN);
  if (itemCol < 0) itemCol = 0;
  const statusCol = columnIndex(table, STATUS_COLUMN);
  for (const row of table.rows) {
    if (isEmptyRow(row)) continue;
    const cell = row.cells[itemCol] ?? row.cells[0];
    const text = cell.text || row.cells.map((c) => c.text).filter(Boolean).join(' · ');
    const status = statusCol >= 0 ? row.cells[statusCol] : undefined;
    out.push({
      span: row.span,
      labelSpan: cell.text ? cell.span : row.span,
      text,
      source: source.slice(row.span.start, row.span.end),
      links: row.cells.flatMap((c) => c.links),
      status,
      done: DONE_MARK.test(text) || /^(done|completed?|fixed|closed|resolved|merged|shipped)\b/i.test(status?.text ?? ''),
      context: [],
    });
  }
}

/**
 * A list item is an action; its sub-items are notes on it (status, links, details) and belong to
 * it. Only an item that is a bare label ("Prow:", "**BinderHub**", "Process") groups the items
 * nested under it.
 */
function listItems(list: List, source: string, definitions: Map<string, string>, out: ActionItem[]): void {
  // Work list instead of recursion: lists can nest deeper than the stack.
  const pending: List[] = [list];
  while (pending.length > 0) {
    const current = pending.shift()!;
    for (const item of current.children) {
      const nested = item.children.filter((c): c is List => c.type === 'list');
      const first = item.children[0];
      const ownText = first && first.type !== 'list' ? runsText(textRuns(first, source)) : '';
      const text = ownText.replace(/^\[[ xX]?\]\s*/, '');
      if (nested.length && isGroupLabel(first, text)) {
        pending.push(...nested);
        continue;
      }
      if (!text) continue; // an empty "- [ ]" placeholder is template text, not a missing ticket
      const span = spanOf(item);
      const notes = nested.map((n) => runsText(textRuns(n, source)));
      out.push({
        span,
        labelSpan: first ? spanOf(first) : span,
        text,
        source: source.slice(span.start, span.end),
        links: nodeLinks(item, definitions),
        done: item.checked === true || isDeleted(first) || DONE_MARK.test(text) || notes.some((n) => DONE_MARK.test(n) || /^(done|completed?|fixed)\b/i.test(n)),
        context: [],
      });
    }
  }
}

/** "Prow:", "**BinderHub**", "Process": a short label with no sentence of its own. */
function isGroupLabel(first: ListItem['children'][number] | undefined, text: string): boolean {
  if (!first || first.type !== 'paragraph') return !text;
  if (/:\s*$/.test(text)) return true;
  const meaningful = first.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (meaningful.length === 1 && meaningful[0].type === 'strong') return true;
  return text.split(/\s+/).length <= 2 && !/[.!?]$/.test(text);
}

function isDeleted(first: ListItem['children'][number] | undefined): boolean {
  if (!first || first.type !== 'paragraph') return false;
  const meaningful = first.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length > 0 && meaningful.every((c) => c.type === 'delete');
}

/** "**Action item:** Rotate the key" as a paragraph of its own, anywhere outside an action list. */
function labelledParagraphs(root: Root, source: string, definitions: Map<string, string>, out: ActionItem[]): void {
  preorder<Root | RootContent>(root, (node) => {
    if (node.type === 'root' || node.type === 'blockquote') return true;
    if (node.type !== 'paragraph') return false;
    const item = labelledItem(node, source, definitions);
    if (item) out.push(item);
    return false;
  });
}

function labelledItem(node: Paragraph, source: string, definitions: Map<string, string>): ActionItem | undefined {
  const [label, ...rest] = node.children;
  if (label?.type !== 'strong') return undefined;
  const labelText = runsText(textRuns(label, source));
  const afterLabel = rest[0]?.type === 'text' ? rest[0].value : '';
  if (!ACTION_LABEL.test(labelText) || !(/:\s*$/.test(labelText) || /^\s*:/.test(afterLabel))) return undefined;
  const text = rest.map((c) => runsText(textRuns(c, source))).join(' ').replace(/^[\s:]+/, '').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const span = spanOf(node);
  const afterStrong = spanOf(label).end;
  const lead = /^[\s:]*/.exec(source.slice(afterStrong, span.end))?.[0].length ?? 0;
  return {
    span,
    labelSpan: { start: afterStrong + lead, end: span.end },
    text,
    source: source.slice(span.start, span.end),
    links: nodeLinks(node, definitions),
    done: DONE_MARK.test(text),
    context: [],
  };
}


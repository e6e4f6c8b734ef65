import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { preorder } from '../limits/walk';
import { pacer, type Steps } from '../steps';
import type { Span } from '../types';
import { columnRoles, fieldRuns, flaggedDone, isDoneStatus, isFieldLine, mergeFields, rowFields, scanFields, type DueDate, type ItemFields, type ItemValue } from './actionFields';
import { runsText, spanOf, textRuns } from './runs';
import type { Section } from './sections';
import { columnIndex, isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable, type Table } from './tables';
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
  /** The status as written: the item's cell in a Status column (possibly empty), or a `status:` field. */
  status?: ItemValue;
  /**
   * Marked done (✅, "(Completed)", a checked box, a "has been done" note, a "Completed" heading,
   * struck out, or a status starting with one of `actionItemDoneWords`): not open work.
   */
  done: boolean;
  /** Who owns it, when named: an owner column's cell, an `owner:` field, an @mention, an `Owner:` line above its list. */
  owner?: ItemValue;
  /** The owner as written, even empty or `TBD`: the item's cell in an owner column, or an `owner:` field. */
  ownerField?: ItemValue;
  /** When it is due, when a whole unambiguous day is written (ISO 8601, or a month name with the year). */
  due?: DueDate;
  /** The due field as written, even when no date can be read from it (`03/04/2026`, `Q3`). */
  dueField?: ItemValue;
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
  /[\u2705\u2714\u2611]|\((?:completed?|done|fixed|resolved|shipped|merged|implemented)\)|\b(?:has|have) been (?:done|completed|fixed|implemented|addressed|resolved|merged|shipped)\b|^(?:done|completed|fixed)\b\s*[:.\u2013\u2014-]/i;
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

export interface ActionItemOptions {
  /** Statuses that close an item (the `actionItemDoneWords` setting). */
  doneWords: readonly string[];
}

/** The action items of the sections, and labelled ones anywhere; in steps (core/steps.ts), a yield every few hundred items. */
export function* buildActionItemsSteps(sections: Section[], root: Root, source: string, options: ActionItemOptions): Steps<ActionItems | undefined> {
  const definitions = linkDefinitions(root);
  yield;
  const items: ActionItem[] = [];
  const read: Reading = { source, definitions, doneWords: options.doneWords, pace: pacer() };
  for (const section of sections) yield* sectionItems(section, read, items);
  yield;
  labelledParagraphs(root, read, items);
  if (sections.length === 0 && items.length === 0) return undefined;
  items.sort((a, b) => a.span.start - b.span.start);
  return { sections, items };
}

interface Context {
  source: string;
  links: string[];
}

/** What every reader of items needs. */
interface Reading {
  source: string;
  definitions: Map<string, string>;
  doneWords: readonly string[];
  /** When to yield between items (see pacer). */
  pace: () => boolean;
}

function* sectionItems(section: Section, read: Reading, out: ActionItem[]): Steps<void> {
  const { source, definitions } = read;
  // The headings above a block inside the section, by depth: their tickets cover what is under them.
  const headings: { depth: number; context: Context; done: boolean; owner?: ItemValue }[] = [
    { depth: section.heading.depth, context: contextOf(section.heading.node, source, definitions), done: DONE_HEADING.test(section.heading.normalized) },
  ];
  const nodes = section.nodes;
  for (const [i, node] of nodes.entries()) {
    if (read.pace()) yield;
    if (node.type === 'heading') {
      while (headings.length > 1 && headings[headings.length - 1].depth >= node.depth) headings.pop();
      const text = runsText(textRuns(node, source)).toLowerCase();
      headings.push({ depth: node.depth, context: contextOf(node, source, definitions), done: DONE_HEADING.test(text), owner: labelledOwner(node, source) });
      continue;
    }
    const isTable = node.type === 'table' || (node.type === 'html' && isHtmlTable(node));
    if (!isTable && node.type !== 'list') continue;
    const context = headings.map((h) => h.context);
    for (const neighbour of [nodes[i - 1], nodes[i + 1]]) {
      if (neighbour?.type === 'paragraph') context.push(contextOf(neighbour, source, definitions));
    }
    const done = headings.some((h) => h.done);
    // "Owner: @platform" on the line before a list, or in a heading above it, owns what has no owner of its own.
    const previous = nodes[i - 1];
    const groupOwner = (previous?.type === 'paragraph' ? labelledOwner(previous, source) : undefined) ?? nearestOwner(headings);
    const before = out.length;
    if (node.type === 'list') yield* listItems(node, read, out);
    else yield* tableItems(node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node as never, source), read, out);
    for (let k = before; k < out.length; k++) {
      out[k].context = context;
      out[k].done ||= done;
      out[k].owner ??= groupOwner;
    }
  }
}

function nearestOwner(headings: { owner?: ItemValue }[]): ItemValue | undefined {
  for (let k = headings.length - 1; k >= 0; k--) if (headings[k].owner) return headings[k].owner;
  return undefined;
}

/** An owner written with a label (`Owner: @platform`) in a paragraph or heading; a passing @mention is not one. */
function labelledOwner(node: RootContent, source: string): ItemValue | undefined {
  const fields = scanFields(fieldRuns(node, source), source);
  return fields.ownerField && fields.owner === fields.ownerField ? fields.owner : undefined;
}

/** The fields an item carries, and whether its status closes it. */
function withFields(fields: ItemFields, doneWords: readonly string[]): Pick<ActionItem, 'owner' | 'ownerField' | 'due' | 'dueField' | 'status'> & { doneByStatus: boolean } {
  const { owner, ownerField, due, dueField, status } = fields;
  return { owner, ownerField, due, dueField, status, doneByStatus: !!status && isDoneStatus(status.text, doneWords) };
}

function contextOf(node: RootContent, source: string, definitions: Map<string, string>): Context {
  const span = spanOf(node);
  return { source: source.slice(span.start, span.end), links: nodeLinks(node, definitions) };
}

function* tableItems(table: Table, read: Reading, out: ActionItem[]): Steps<void> {
  const { source } = read;
  let itemCol = columnIndex(table, ITEM_COLUMN);
  if (itemCol < 0) itemCol = 0;
  const statusCol = columnIndex(table, STATUS_COLUMN);
  const roles = columnRoles(table, itemCol);
  for (const row of table.rows) {
    if (read.pace()) yield;
    if (isEmptyRow(row)) continue;
    const cell = row.cells[itemCol] ?? row.cells[0];
    const text = cell.text || row.cells.map((c) => c.text).filter(Boolean).join(' · ');
    const fields = rowFields(row.cells, roles, cell, source);
    // A Status column says it for the row; a `status:` written in the item's cell only when there is none.
    // A State or Progress column stands in for a missing Status column when it says something.
    const stateCell = row.cells[statusCol >= 0 ? statusCol : roles.state];
    if (statusCol >= 0 || (stateCell && stateCell.text !== '')) {
      fields.status = stateCell ? { text: stateCell.text, span: stateCell.span } : undefined;
    } else if (fields.status?.text === '') fields.status = undefined;
    const { doneByStatus, ...found } = withFields(fields, read.doneWords);
    // ✅ or "(Completed)" in any cell of the row, or a Done? column saying yes, closes the row.
    const marked = row.cells.some((c) => DONE_MARK.test(c.text)) || flaggedDone(row.cells, roles);
    out.push({
      span: row.span,
      labelSpan: cell.text ? cell.span : row.span,
      text,
      source: source.slice(row.span.start, row.span.end),
      links: row.cells.flatMap((c) => c.links),
      ...found,
      done: DONE_MARK.test(text) || marked || doneByStatus,
      context: [],
    });
  }
}

/**
 * A list item is an action; its sub-items are notes on it (status, links, details) and belong to
 * it. Only an item that is a bare label ("Prow:", "**BinderHub**", "Process") groups the items
 * nested under it, unless they are all its fields ("Owner: Jane", "Due: 2026-12-01").
 */
function* listItems(list: List, read: Reading, out: ActionItem[]): Steps<void> {
  const { source, definitions } = read;
  // Work list instead of recursion: lists can nest deeper than the stack.
  const pending: List[] = [list];
  while (pending.length > 0) {
    const current = pending.shift()!;
    for (const item of current.children) {
      if (read.pace()) yield;
      const nested = item.children.filter((c): c is List => c.type === 'list');
      const first = item.children[0];
      const ownText = first && first.type !== 'list' ? runsText(textRuns(first, source)) : '';
      const text = ownText.replace(/^\[[ xX]?\]\s*/, '');
      if (nested.length && isGroupLabel(first, text) && !nested.every((n) => n.children.every((sub) => isFieldItem(sub, source)))) {
        pending.push(...nested);
        continue;
      }
      if (!text) continue; // an empty "- [ ]" placeholder is template text, not a missing ticket
      const span = spanOf(item);
      const notes = nested.map((n) => runsText(textRuns(n, source)));
      // Fields in the item's own text first, then in its sub-items (`- Owner: Jane`, `- Due: 2026-12-01`).
      const subItems = nested.flatMap((n) => n.children);
      const fields = mergeFields([item, ...subItems].map((node) => scanFields(fieldRuns(node, source), source)));
      if (fields.status?.text === '') fields.status = undefined; // an empty `Status:` in a list is no status column
      const { doneByStatus, ...found } = withFields(fields, read.doneWords);
      out.push({
        span,
        labelSpan: first ? spanOf(first) : span,
        text,
        source: source.slice(span.start, span.end),
        links: nodeLinks(item, definitions),
        ...found,
        done:
          item.checked === true ||
          isDeleted(first) ||
          DONE_MARK.test(text) ||
          doneByStatus ||
          notes.some((n) => DONE_MARK.test(n) || /^(done|completed?|fixed)\b/i.test(n)),
        context: [],
      });
    }
  }
}

/** A sub-item that is only a field of the item above it; its first paragraph alone is read (lists nest deep). */
function isFieldItem(sub: ListItem, source: string): boolean {
  const first = sub.children[0];
  return first?.type === 'paragraph' && isFieldLine(runsText(textRuns(first, source)));
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
function labelledParagraphs(root: Root, read: Reading, out: ActionItem[]): void {
  preorder<Root | RootContent>(root, (node) => {
    if (node.type === 'root' || node.type === 'blockquote') return true;
    if (node.type !== 'paragraph') return false;
    const item = labelledItem(node, read);
    if (item) out.push(item);
    return false;
  });
}

function labelledItem(node: Paragraph, read: Reading): ActionItem | undefined {
  const { source, definitions } = read;
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
  const fields = scanFields(fieldRuns(node, source), source);
  if (fields.status?.text === '') fields.status = undefined;
  const { doneByStatus, ...found } = withFields(fields, read.doneWords);
  return {
    span,
    labelSpan: { start: afterStrong + lead, end: span.end },
    text,
    source: source.slice(span.start, span.end),
    links: nodeLinks(node, definitions),
    ...found,
    done: DONE_MARK.test(text) || doneByStatus,
    context: [],
  };
}


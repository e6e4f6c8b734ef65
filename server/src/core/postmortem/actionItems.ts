import type { List, ListItem } from 'mdast';
import { preorder } from '../limits/walk';
import type { Span } from '../types';
import { runsText, spanOf, textRuns } from './runs';
import type { Section } from './sections';
import { columnIndex, isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable, type Table, type TableCell } from './tables';

export interface ActionItem {
  /** The row or list item. */
  span: Span;
  /** Where findings go: the item's cell, or the item's first paragraph. */
  labelSpan: Span;
  text: string;
  /** Source text searched for tickets: keys, #123 and link targets are all in it. */
  source: string;
  /** Link targets (Markdown links, autolinks, HTML anchors). */
  links: string[];
  /** Present when the item's table has a Status column. */
  status?: TableCell;
}

export interface ActionItems {
  section: Section;
  items: ActionItem[];
}

const ACTION_HEADING = /^(action items?|actions?|follow ?ups?|follow up (items|actions)|next steps|remediation( items| actions)?|corrective actions?|todos?|to dos?)\b/;
const ITEM_COLUMN = /action|item|task|description|what/i;
const STATUS_COLUMN = /^\s*status\s*$/i;

export function findActionSection(sections: Section[]): Section | undefined {
  return sections.find((s) => ACTION_HEADING.test(s.heading.normalized));
}

export function buildActionItems(section: Section, source: string): ActionItems {
  const items: ActionItem[] = [];
  for (const node of section.nodes) {
    if (node.type === 'table' || (node.type === 'html' && isHtmlTable(node))) {
      tableItems(node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node, source), source, items);
    } else if (node.type === 'list') {
      listItems(node, source, items);
    }
  }
  return { section, items };
}

function tableItems(table: Table, source: string, out: ActionItem[]): void {
  let itemCol = columnIndex(table, ITEM_COLUMN);
  if (itemCol < 0) itemCol = 0;
  const statusCol = columnIndex(table, STATUS_COLUMN);
  for (const row of table.rows) {
    if (isEmptyRow(row)) continue;
    const cell = row.cells[itemCol] ?? row.cells[0];
    out.push({
      span: row.span,
      labelSpan: cell.text ? cell.span : row.span,
      text: cell.text || row.cells.map((c) => c.text).filter(Boolean).join(' · '),
      source: source.slice(row.span.start, row.span.end),
      links: row.cells.flatMap((c) => c.links),
      status: statusCol >= 0 ? row.cells[statusCol] : undefined,
    });
  }
}

/** Leaf items are the actions; an item with a nested list is a group heading ("Prow:"). */
function listItems(list: List, source: string, out: ActionItem[]): void {
  for (const item of list.children) {
    const nested = item.children.filter((c): c is List => c.type === 'list');
    if (nested.length) {
      for (const n of nested) listItems(n, source, out);
      continue;
    }
    const text = runsText(textRuns(item, source)).replace(/^\[[ xX]?\]\s*/, '');
    if (!text) continue; // an empty "- [ ]" placeholder is empty-section's business, not a missing ticket
    const first = item.children[0];
    out.push({
      span: spanOf(item),
      labelSpan: first ? spanOf(first) : spanOf(item),
      text,
      source: source.slice(spanOf(item).start, spanOf(item).end),
      links: itemLinks(item),
    });
  }
}

function itemLinks(item: ListItem): string[] {
  const out: string[] = [];
  type Node = { type: string; url?: string; children?: Node[] };
  preorder(item as unknown as Node, (n) => {
    if ((n.type === 'link' || n.type === 'definition') && n.url) out.push(n.url);
  });
  return out;
}

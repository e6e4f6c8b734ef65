/** Where a new timeline entry goes in a post-mortem, and the form it takes there. */
import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { ClockStyle, EntryTemplate, TimelineEntryForm, TimelineShape } from '../../../../contract/src/timeline';
import { preorder } from '../limits/walk';
import type { PostmortemModel } from './model';
import type { TableRow } from './tables';
import type { TimeToken } from './time';
import { timeColumn } from './timeline';
import { zoneOffset } from './zones';

/** The entry's form is the contract's: the editor's client writes the entry from it. */
export interface TimelineInsertion extends TimelineEntryForm {
  /** Zero-based line the new entry is inserted before (after the entry at or before the offset). */
  line: number;
}

/**
 * After the timeline entry at or before `offset` when it is in the Timeline section, else after
 * the last entry; shaped like that entry (HTML row, pipe row or list item). Null without entries.
 */
export function timelineInsertion(model: PostmortemModel, offset: number): TimelineInsertion | null {
  const timeline = model.timeline;
  const entries = timeline?.entries ?? [];
  if (!timeline || entries.length === 0) return null;
  const inTimeline = offset >= timeline.section.span.start && offset <= timeline.section.span.end;
  const before = inTimeline ? entries.filter((e) => e.span.start <= offset) : entries;
  const reference = before.at(-1) ?? entries[0];
  const insertBefore = before.length === 0;
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', reference.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const rowText = text.slice(reference.span.start, reference.span.end);
  const located = model.tables.find((t) => t.table.span.start <= reference.span.start && reference.span.end <= t.table.span.end);
  let shape: TimelineShape;
  let zoneInHeader = false;
  if (located) {
    const table = located.table;
    const row = table.rows.find((r) => r.span.start === reference.span.start) ?? table.rows[0];
    const column = timeColumn(table);
    const cells = Math.max(row?.cells.length ?? 0, table.header?.cells.length ?? 0, 2);
    const header = table.header?.cells[column]?.text ?? '';
    zoneInHeader = timeline.zone !== undefined && header.includes(timeline.zone);
    const template = row && row.span.start === reference.span.start ? entryTemplate(text, row, table.kind, column) : undefined;
    shape =
      table.kind === 'html'
        ? { kind: 'html', cells, timeColumn: column, multiline: /<t[dh][^]*\n[^]*<t[dh]/i.test(rowText), indent, template }
        : { kind: 'pipe', cells, timeColumn: column, indent, template };
  } else {
    const marker = /^[ \t]*([-*+]|\d+[.)])[ \t]/.exec(text.slice(lineStart))?.[1] ?? '-';
    shape = { kind: 'bullet', marker: /^\d/.test(marker) ? '-' : marker, indent };
  }
  const line = model.lines.positionAt(insertBefore ? reference.span.start : reference.span.end).line + (insertBefore ? 0 : 1);
  const clock = clockStyle(reference.token) ?? clockStyle([...before].reverse().find((e) => clockStyle(e.token))?.token) ?? clockStyle(entries.find((e) => clockStyle(e.token))?.token);
  return { shape, line, clock, zone: timeline.zone, zoneOffsetMinutes: zoneOffset(timeline.zone), zoneInHeader };
}

/** The time of day as a token writes it: `3:04pm`, `03:04 PM`, `15:04`, `15.04`, `3 p.m.`. */
const CLOCK = /(?<![\d:.])(\d{1,2})(?:([:.])\d{2}(?:[:.]\d{2})?)?(\s?)([ap]\.?m\.?)?(?![\p{L}\d])/giu;

/** How an entry's token writes the time, to write a new one alike; undefined for a date alone or a placeholder. */
export function clockStyle(token: TimeToken | undefined): ClockStyle | undefined {
  if (!token?.time || token.placeholder || token.invalid) return undefined;
  // Within the token's own text (its parse found a time there): the first number that reads as one (`Dec 13 14:30`).
  const m = [...token.text.matchAll(CLOCK)].find((c) => c[2] || c[4]);
  if (!m) return undefined;
  const padHour = m[1].length === 2 && m[1].startsWith('0');
  const separator = m[2] ?? ':';
  if (!m[4] || !token.twelveHour) return { twelveHour: false, padHour: padHour || m[1].length === 2, separator };
  const marker = m[4];
  const am = marker.replace(/p/, 'a').replace(/P/, 'A');
  return { twelveHour: true, padHour, separator, am, pm: marker, spaceBeforeMarker: m[3] !== '' } satisfies ClockStyle;
}

/**
 * The reference row's whole lines with each cell's content located, so the new row copies its
 * attributes, indentation and line breaks. Undefined when the row shares a line with other markup.
 */
function entryTemplate(text: string, row: TableRow, kind: 'html' | 'pipe', timeColumn: number): EntryTemplate | undefined {
  const start = text.lastIndexOf('\n', row.span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', row.span.end);
  const end = lineEnd < 0 ? text.length : lineEnd - (text[lineEnd - 1] === '\r' ? 1 : 0);
  if (text.slice(start, row.span.start).trim() !== '' || text.slice(row.span.end, end).trim() !== '') return undefined;
  const lines = text.slice(start, end);
  const cells = kind === 'pipe' ? pipeCells(row, start) : htmlCells(lines, row.span.start - start);
  return cells && cells.length > timeColumn ? { text: lines, cells } : undefined;
}

function pipeCells(row: TableRow, base: number): EntryTemplate['cells'] {
  return row.cells.map((c) => ({ start: c.span.start - base, end: c.span.end - base, empty: c.runs.length === 0 && c.text === '' }));
}

/** Cell contents from the parser's tag positions (`<td class="x">` … `</td>`), offsets into `lines`. */
function htmlCells(lines: string, rowStart: number): EntryTemplate['cells'] | undefined {
  const WRAP = '<table>';
  const tree = fromHtml(`${WRAP}${lines.slice(rowStart)}</table>`, { fragment: true, verbose: true });
  let tr: Element | undefined;
  preorder<HastNodes>(tree, (n) => {
    if (tr) return false;
    if (n.type === 'element' && n.tagName === 'tr') tr = n;
    return !tr;
  });
  if (!tr) return undefined;
  const base = rowStart - WRAP.length;
  const cells: EntryTemplate['cells'] = [];
  for (const cell of tr.children) {
    if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
    const position = cell.data?.position as { opening?: { end?: { offset?: number } }; closing?: { start?: { offset?: number } } } | undefined;
    const open = position?.opening?.end?.offset;
    const close = position?.closing?.start?.offset;
    // A cell without its own closing tag ends where the next begins: its content is not told apart.
    if (open === undefined || close === undefined) return undefined;
    cells.push({ start: base + open, end: base + close, empty: open === close });
  }
  return cells;
}

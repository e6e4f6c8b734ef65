/** Where a new timeline entry goes in a post-mortem, and the form it takes there. */
import type { TimelineEntryForm, TimelineShape } from '../../../../contract/src/timeline';
import type { PostmortemModel } from './model';
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
    shape =
      table.kind === 'html'
        ? { kind: 'html', cells, timeColumn: column, multiline: /<t[dh][^]*\n[^]*<t[dh]/i.test(rowText), indent }
        : { kind: 'pipe', cells, timeColumn: column, indent };
  } else {
    const marker = /^[ \t]*([-*+]|\d+[.)])[ \t]/.exec(text.slice(lineStart))?.[1] ?? '-';
    shape = { kind: 'bullet', marker: /^\d/.test(marker) ? '-' : marker, indent };
  }
  const line = model.lines.positionAt(insertBefore ? reference.span.start : reference.span.end).line + (insertBefore ? 0 : 1);
  return { shape, line, zone: timeline.zone, zoneOffsetMinutes: zoneOffset(timeline.zone), zoneInHeader };
}

/** The text of a timeline entry stamped "now", shaped like the timeline's entries. Pure: no `vscode`. */
import type { TimelineInsertion } from '../../../contract/src/requests';
import { formatClock, type EntryTemplate, type TimelineShape } from '../../../contract/src/timeline';
import { escapeSnippetText } from './postmortemFile';

/**
 * The time in the timeline's zone when the server knows its offset (a UTC timeline gets UTC even
 * on a laptop in Berlin), else local time, written as the entries around write theirs (`3:04pm`,
 * `15:04`). The zone is written after the time unless the time column's header already states
 * it, or no offset is known (a zone beside a local time would lie).
 */
export function timelineStamp(now: Date, insertion: Pick<TimelineInsertion, 'zone' | 'zoneOffsetMinutes' | 'zoneInHeader' | 'clock'> | null): string {
  const offset = insertion?.zoneOffsetMinutes;
  if (offset === undefined) return formatClock(now.getHours(), now.getMinutes(), insertion?.clock);
  const shifted = new Date(now.getTime() + offset * 60_000);
  const time = formatClock(shifted.getUTCHours(), shifted.getUTCMinutes(), insertion?.clock);
  return insertion?.zoneInHeader || !insertion?.zone ? time : `${time} ${insertion.zone}`;
}

/**
 * Snippet text of one entry, ending with a line break: the stamp in the time column, tab stops in
 * the other cells (the first one is where the cursor lands). A row copies the one it follows
 * (attributes, indentation, line breaks) when the server sent it.
 */
export function timelineRowSnippet(shape: TimelineShape, stamp: string): string {
  const time = escapeSnippetText(stamp);
  if (shape.kind === 'bullet') return `${shape.indent}${shape.marker} ${time} $1\n`;
  if (shape.template) return fromTemplate(shape.template, shape.timeColumn, time);
  let stop = 0;
  const cells = Array.from({ length: Math.max(shape.cells, 2) }, (_, i) => (i === shape.timeColumn ? time : `$${++stop}`));
  if (shape.kind === 'pipe') return `${shape.indent}| ${cells.join(' | ')} |\n`;
  if (!shape.multiline) return `${shape.indent}<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>\n`;
  return [`${shape.indent}<tr>`, ...cells.map((c) => `${shape.indent}<td>${c}</td>`), `${shape.indent}</tr>`, ''].join('\n');
}

/** The row as written, each cell's content replaced: the time, or a tab stop. */
function fromTemplate(template: EntryTemplate, timeColumn: number, time: string): string {
  let out = '';
  let last = 0;
  let stop = 0;
  template.cells.forEach((cell, i) => {
    const value = i === timeColumn ? time : `$${++stop}`;
    out += escapeSnippetText(template.text.slice(last, cell.start)) + (cell.empty && cell.end > cell.start ? ` ${value} ` : value);
    last = cell.end;
  });
  return `${out}${escapeSnippetText(template.text.slice(last))}\n`;
}

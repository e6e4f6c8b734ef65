/** The text of a timeline entry stamped "now", shaped like the timeline's entries. Pure: no `vscode`. */
import type { TimelineInsertion } from '../../../contract/src/requests';
import type { TimelineShape } from '../../../contract/src/timeline';
import { escapeSnippetText } from './postmortemFile';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * HH:MM in the timeline's zone when the server knows its offset (a UTC timeline gets UTC even on
 * a laptop in Berlin), else local time. The zone is written after the time unless the time
 * column's header already states it, or no offset is known (a zone beside a local time would lie).
 */
export function timelineStamp(now: Date, insertion: Pick<TimelineInsertion, 'zone' | 'zoneOffsetMinutes' | 'zoneInHeader'> | null): string {
  const offset = insertion?.zoneOffsetMinutes;
  if (offset === undefined) return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const shifted = new Date(now.getTime() + offset * 60_000);
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
  return insertion?.zoneInHeader || !insertion?.zone ? time : `${time} ${insertion.zone}`;
}

/**
 * Snippet text of one entry, ending with a line break: the stamp in the time column, tab stops in
 * the other cells (the first one is where the cursor lands).
 */
export function timelineRowSnippet(shape: TimelineShape, stamp: string): string {
  const time = escapeSnippetText(stamp);
  if (shape.kind === 'bullet') return `${shape.indent}${shape.marker} ${time} $1\n`;
  let stop = 0;
  const cells = Array.from({ length: Math.max(shape.cells, 2) }, (_, i) => (i === shape.timeColumn ? time : `$${++stop}`));
  if (shape.kind === 'pipe') return `${shape.indent}| ${cells.join(' | ')} |\n`;
  if (!shape.multiline) return `${shape.indent}<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>\n`;
  return [`${shape.indent}<tr>`, ...cells.map((c) => `${shape.indent}<td>${c}</td>`), `${shape.indent}</tr>`, ''].join('\n');
}

/** The form of a new timeline entry: the core decides it, the client writes the entry in it. */

/**
 * The entry the new one follows, as written, to copy: attributes, indentation and line breaks
 * kept, each cell's content replaced. Offsets are into `text` (the entry's whole lines).
 */
export interface EntryTemplate {
  text: string;
  /** Each cell's content; `empty` when the cell held nothing (its span is the space between its delimiters). */
  cells: { start: number; end: number; empty: boolean }[];
}

export type TimelineShape =
  | { kind: 'html'; cells: number; timeColumn: number; /** `<td>` cells on lines of their own. */ multiline: boolean; indent: string; template?: EntryTemplate }
  | { kind: 'pipe'; cells: number; timeColumn: number; indent: string; template?: EntryTemplate }
  | { kind: 'bullet'; marker: string; indent: string };

/** How the timeline writes a time of day: `3:04pm`, `03:04 PM`, `15:04`, `15.04`. */
export interface ClockStyle {
  twelveHour: boolean;
  /** `03:04` rather than `3:04`. */
  padHour: boolean;
  /** Between hours and minutes: `:` or `.`. */
  separator: string;
  /** The markers as the timeline writes them (`am`/`pm`, `AM`/`PM`, `a.m.`/`p.m.`); twelve-hour only. */
  am?: string;
  pm?: string;
  /** A space before the marker: `3:04 pm`. */
  spaceBeforeMarker?: boolean;
}

/** `hours` (0-23) and `minutes` in `style`; 24-hour `HH:MM` without one. */
export function formatClock(hours: number, minutes: number, style?: ClockStyle): string {
  const mm = String(minutes).padStart(2, '0');
  if (!style) return `${String(hours).padStart(2, '0')}:${mm}`;
  if (!style.twelveHour) return `${style.padHour ? String(hours).padStart(2, '0') : hours}${style.separator}${mm}`;
  const h = hours % 12 === 0 ? 12 : hours % 12;
  const marker = hours < 12 ? (style.am ?? 'am') : (style.pm ?? 'pm');
  return `${style.padHour ? String(h).padStart(2, '0') : h}${style.separator}${mm}${style.spaceBeforeMarker ? ' ' : ''}${marker}`;
}

/** How a new entry looks where it goes (the place itself is a line in the core, a position on the wire). */
export interface TimelineEntryForm {
  shape: TimelineShape;
  /** How the entries around write their times; absent when none does. */
  clock?: ClockStyle;
  /** The zone the timeline states (column header, an "All times in …" sentence, entries, front matter). */
  zone?: string;
  /** Minutes east of UTC for `zone`, when known. */
  zoneOffsetMinutes?: number;
  /** The zone is written in the time column's header, so rows need not repeat it. */
  zoneInHeader: boolean;
}

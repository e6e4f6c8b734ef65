/** The form of a new timeline entry: the core decides it, the client writes the entry in it. */

export type TimelineShape =
  | { kind: 'html'; cells: number; timeColumn: number; /** `<td>` cells on lines of their own. */ multiline: boolean; indent: string }
  | { kind: 'pipe'; cells: number; timeColumn: number; indent: string }
  | { kind: 'bullet'; marker: string; indent: string };

/** How a new entry looks where it goes (the place itself is a line in the core, a position on the wire). */
export interface TimelineEntryForm {
  shape: TimelineShape;
  /** The zone the timeline states (column header, an "All times in …" sentence, entries, front matter). */
  zone?: string;
  /** Minutes east of UTC for `zone`, when known. */
  zoneOffsetMinutes?: number;
  /** The zone is written in the time column's header, so rows need not repeat it. */
  zoneInHeader: boolean;
}

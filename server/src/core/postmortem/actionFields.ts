/**
 * Who owns an action item, when it is due and its status, the ways teams write them: columns of
 * an action-item table (Owner, Assignee, Who, Due, Due date, Deadline, Status), labelled fields
 * in the item or its sub-items (`(owner: @jane, due: 2026-12-01)`, `**Owner:** Jane`,
 * `- Status: Done`), and a GitHub @mention for the owner. A due date is read only where it
 * cannot be misread: ISO 8601 or a month name with the year. `03/04/2026` (March or April?),
 * `Jan 5` (which year?), `Q3` or two dates in one field are no due date.
 */
import type { Nodes as MdastNodes } from 'mdast';
import type { Span } from '../types';
import { runsOf, type TextRun } from './runs';
import type { Table, TableCell } from './tables';
import { isPlaceholderText } from './template';
import { scanTimes } from './time';

/** A value as written, with where it is. */
export interface ItemValue {
  text: string;
  span: Span;
}

export interface DueDate extends ItemValue {
  /** The day it is due, `YYYY-MM-DD`. */
  day: string;
}

export interface ItemFields {
  /** The owner field as written (a cell of an owner column, `owner: …`), even empty or `TBD`. */
  ownerField?: ItemValue;
  /** A named owner: the owner field unless it is empty or a placeholder, else an @mention. */
  owner?: ItemValue;
  /** The due field as written (a cell of a due column, `due: …`), even when no date can be read from it. */
  dueField?: ItemValue;
  due?: DueDate;
  /** The status as written (`status: …`). */
  status?: ItemValue;
}

/** Header text as compared: lower case, no `(s)`, no note in parentheses, no closing punctuation. */
function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(s\)/g, 's')
    .replace(/\([^()]{0,80}\)/g, ' ')
    .replace(/[\s:?*.#]+/g, ' ')
    .trim();
}

const OWNER_HEADER = /^(?:owners?|owned by|owning team|owner team|assignees?|assigned(?: to)?|who|responsible(?: person| team)?|dri|poc|point of contact|team)$/;
const DUE_HEADER = /^(?:due(?: date| by| on)?|deadline|target(?: date)?|target completion(?: date)?|eta|by when|expected by)$/;

/** A column that says how far along an item is, under another name than Status. */
const STATE_HEADER = /^(?:state|progress|resolution)$/;
/** A yes/no column: `| Done? |` holding `Yes`, `x`, `✅`. */
const DONE_FLAG_HEADER = /^(?:done|completed?|finished|closed|resolved)$/;
const YES = /^(?:yes|y|x|true|done|\[x\]|[\u2713\u2714\u2705\u2611])$/i;

export interface ColumnRoles {
  owner: number;
  due: number;
  state: number;
  doneFlag: number;
}

/** The owner, due, state and done columns of an action-item table (-1 when absent); never the item's own column. */
export function columnRoles(table: Table, itemColumn: number): ColumnRoles {
  const cells = table.header?.cells ?? [];
  const find = (pattern: RegExp) => cells.findIndex((c, i) => i !== itemColumn && pattern.test(headerKey(c.text)));
  return { owner: find(OWNER_HEADER), due: find(DUE_HEADER), state: find(STATE_HEADER), doneFlag: find(DONE_FLAG_HEADER) };
}

/** A row's `| Done? |` cell says yes. */
export function flaggedDone(cells: TableCell[], roles: ColumnRoles): boolean {
  return roles.doneFlag >= 0 && YES.test(cells[roles.doneFlag]?.text.trim() ?? '');
}

/** Owner and due from a table row's cells; fields written in the item's own cell fill what columns leave out. */
export function rowFields(cells: TableCell[], roles: ColumnRoles, itemCell: TableCell | undefined, source: string): ItemFields {
  const fields = itemCell ? scanFields(itemCell.runs, source) : {};
  const ownerCell = cells[roles.owner];
  if (roles.owner >= 0 && ownerCell) {
    fields.ownerField = { text: ownerCell.text, span: ownerCell.span };
    fields.owner = namedOwner(fields.ownerField) ?? fields.owner;
  }
  const dueCell = cells[roles.due];
  if (roles.due >= 0 && dueCell) {
    fields.dueField = { text: dueCell.text, span: dueCell.span };
    fields.due = readDue(dueCell.runs);
  }
  return fields;
}

/** Fields of a list item (its own text first, then its sub-items' lines) or a paragraph. */
export function mergeFields(parts: ItemFields[]): ItemFields {
  const out: ItemFields = {};
  for (const p of parts) {
    out.ownerField ??= p.ownerField;
    if (!out.dueField && p.dueField) {
      out.dueField = p.dueField;
      out.due = p.due;
    }
    out.status ??= p.status;
  }
  // A named owner: the labelled one when there is one, else the first @mention.
  out.owner = (out.ownerField && namedOwner(out.ownerField)) ?? parts.find((p) => p.owner)?.owner;
  return out;
}

const NOT_AN_OWNER = /^(?:tb[adc]|none|nobody|no ?one|unassigned|unowned|unknown|owner|name|someone|[\u2014\u2013-]+)$/i;

function namedOwner(field: ItemValue): ItemValue | undefined {
  const text = field.text.replace(/^[`*_\s]+|[`*_\s]+$/g, '');
  if (isPlaceholderText(text) || NOT_AN_OWNER.test(text) || /^[[<{].*[\]>}]$/.test(text)) return undefined;
  return field;
}

const FIELD_SKIP = new Set(['delete', 'code', 'html', 'list', 'image']);
const FIELD_LEAVES = new Set(['text', 'inlineCode']);

/** Runs of a node for field scanning: text and inline code (a handle may be in backticks), struck-out text left out. */
export function fieldRuns(node: MdastNodes, source: string): TextRun[] {
  return runsOf(node, source, { skip: FIELD_SKIP, leaves: FIELD_LEAVES });
}

/** Runs joined into one string, each character mapped back to its document offset. */
class Joined {
  text = '';
  private starts: number[] = [];
  private offsets: number[] = [];

  constructor(runs: TextRun[], source: string) {
    let previousEnd = -1;
    for (const run of runs) {
      // Runs split by markup (`**Owner:** Jane`) read as one line; runs on other lines stay apart.
      if (previousEnd >= 0 && run.offset > previousEnd) this.add(source.slice(previousEnd, run.offset).includes('\n') ? '\n' : ' ', previousEnd);
      this.add(run.text, run.offset);
      previousEnd = run.offset + run.text.length;
    }
  }

  private add(text: string, offset: number): void {
    this.starts.push(this.text.length);
    this.offsets.push(offset);
    this.text += text;
  }

  /** Document offset of a position in `text` (a position past the end maps past the last run). */
  offsetAt(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.offsets[lo] + index - this.starts[lo];
  }

  span(start: number, end: number): Span {
    return { start: this.offsetAt(start), end: end > start ? this.offsetAt(end - 1) + 1 : this.offsetAt(start) };
  }
}

/**
 * A field label: `owner:`, `Assignee =`, `due date:`, `status:`. Due labels also take a date
 * without a colon (`due 2026-12-01`, `due by 2026-12-01`, the Obsidian Tasks `📅 2026-12-01`);
 * a date must follow them at once.
 */
const LABEL =
  /(?<![\p{L}\p{N}_])(?:(?<owner>owners?|owned by|assignees?|assigned to|who|responsible|dri)|(?<due>due(?: date| by| on)?|deadline|target date|eta|\u{1F4C5})|(?<status>status))\s*(?<colon>[:=])?/giu;
const FIELD_LINE = /^(?:owners?|owned by|assignees?|assigned to|who|responsible|dri|due(?: date| by| on)?|deadline|target date|eta|status)\s*[:=]/i;

/** "Owner: Jane", "Due: 2026-12-01": a line that is only a field of the item above it. */
export function isFieldLine(text: string): boolean {
  return FIELD_LINE.test(text);
}

const MENTION = /(?<![\w.@/-])@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9][\w.-]{0,99})?(?![\w@-])/g;
const MAX_VALUE = 120;

/** Labelled fields and the first @mention in runs of one line of an item. */
export function scanFields(runs: TextRun[], source: string): ItemFields {
  const joined = new Joined(runs, source);
  const text = joined.text;
  const labels: { kind: 'owner' | 'due' | 'status'; start: number; valueStart: number; colon: boolean }[] = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    const g = m.groups!;
    const kind = g.owner ? 'owner' : g.due ? 'due' : 'status';
    let valueStart = m.index + m[0].length;
    while (valueStart < text.length && (text[valueStart] === ' ' || text[valueStart] === '\t')) valueStart++;
    labels.push({ kind, start: m.index, valueStart, colon: !!g.colon });
  }
  const fields: ItemFields = {};
  labels.forEach((label, i) => {
    const limit = Math.min(labels[i + 1]?.start ?? text.length, label.valueStart + MAX_VALUE);
    if (label.kind === 'due') {
      if (fields.dueField) return;
      const lead = /^[`*_]*(?:(?:by|on|before)\s+[`*_]*)?/i.exec(text.slice(label.valueStart, limit))![0].length;
      const due = readDueAt(text, label.valueStart + lead, limit);
      // Without a colon, "due" is a due field only when a date follows ("due to load" is prose).
      if (!label.colon && !due) return;
      const dateStart = label.valueStart + lead;
      const end = due ? valueEnd(text, dateStart + due.length, limit) : valueEnd(text, label.valueStart, limit);
      fields.dueField = value(text, label.valueStart, end, joined);
      if (due) fields.due = { text: text.slice(dateStart, dateStart + due.length), span: joined.span(dateStart, dateStart + due.length), day: due.day };
      return;
    }
    if (!label.colon || (label.kind === 'owner' ? fields.ownerField : fields.status)) return;
    const field = value(text, label.valueStart, valueEnd(text, label.valueStart, limit), joined);
    if (label.kind === 'owner') fields.ownerField = field;
    else fields.status = field;
  });
  if (fields.ownerField) fields.owner = namedOwner(fields.ownerField);
  if (!fields.owner) {
    MENTION.lastIndex = 0;
    const m = MENTION.exec(text);
    if (m) fields.owner = { text: m[0], span: joined.span(m.index, m.index + m[0].length) };
  }
  return fields;
}

/** Where a field's value ends: a separator (`,` `;` `|` a dash between spaces, a line break) or an unopened `)`/`]`. */
function valueEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' || c === ';' || c === '|' || c === '\n') return i;
    else if ((c === '—' || c === '–' || c === '-') && text[i - 1] === ' ' && text[i + 1] === ' ') return i;
  }
  return limit;
}

function value(text: string, start: number, end: number, joined: Joined): ItemValue {
  let s = start;
  let e = end;
  while (e > s && /[\s.*_`]/.test(text[e - 1])) e--;
  while (s < e && /[\s*_`]/.test(text[s])) s++;
  return { text: text.slice(s, e), span: e > s ? joined.span(s, e) : joined.span(start, start) };
}

/** A date that starts exactly at `start`, if it is a whole, unambiguous day. */
function readDueAt(text: string, start: number, limit: number): { day: string; length: number } | undefined {
  const [token] = scanTimes(text.slice(start, Math.min(limit, start + 60)));
  if (!token || token.span.start !== 0) return undefined;
  const day = unambiguousDay(token);
  return day ? { day, length: token.span.end } : undefined;
}

/** The due date in a due column's cell: exactly one date, whole and unambiguous. */
function readDue(runs: TextRun[]): DueDate | undefined {
  const tokens = runs.flatMap((r) => scanTimes(r.text, r.offset)).filter((t) => t.date || t.invalidPart === 'date' || t.placeholder);
  if (tokens.length !== 1) return undefined;
  const [token] = tokens;
  const day = unambiguousDay(token);
  return day ? { text: token.text, span: token.span, day } : undefined;
}

const SLASHED_OR_DAY_FIRST = /^\d{1,2}[/.-]\d{1,2}[/.-]/;

function unambiguousDay(token: ReturnType<typeof scanTimes>[number]): string | undefined {
  const date = token.date;
  if (!date || token.invalid || date.year === undefined || SLASHED_OR_DAY_FIRST.test(token.text)) return undefined;
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Does a status say the item is finished? Compared with the `actionItemDoneWords`, as a leading word. */
export function isDoneStatus(status: string, doneWords: readonly string[]): boolean {
  const s = status
    .toLowerCase()
    .replace(/[\u2019\u2018]/g, "'")
    .replace(/^[^\p{L}\p{N}\u2705\u2714\u2611]+/u, '')
    .replace(/\s+/g, ' ');
  if (/^[\u2705\u2714\u2611]/.test(s) || /^\[[xX]\]/.test(status.trim())) return true;
  return doneWords.some((word) => {
    const w = word.trim().toLowerCase().replace(/[\u2019\u2018]/g, "'");
    return w !== '' && s.startsWith(w) && !/[\p{L}\p{N}]/u.test(s.charAt(w.length));
  });
}

/**
 * incidents.csv: RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote or line
 * break, quotes doubled) with a header row. Text comes from a repository and a spreadsheet is
 * where it is opened, so a text cell that would start a formula (`=`, `+`, `-`, `@`, a tab or
 * carriage return, after any spaces) gets a leading `'` (OWASP's advice on CSV injection);
 * numbers are written as numbers.
 */
import { RECORD_FIELDS, SEVERITIES, type IncidentRecord } from './record';

/** The separator of the tickets cell. */
export const TICKET_SEPARATOR = '; ';

const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A column per record field, in RECORD_FIELDS' order; `findings` is a column per severity. */
const COLUMNS: readonly { name: string; cell: (r: IncidentRecord) => string }[] = RECORD_FIELDS.flatMap((field) => {
  if (field === 'findings') return SEVERITIES.map((s) => ({ name: `findings${s[0].toUpperCase()}${s.slice(1)}`, cell: (r: IncidentRecord) => numberCell(r.findings[s]) }));
  if (field === 'tickets') return [{ name: field, cell: (r: IncidentRecord) => textCell(r.tickets.join(TICKET_SEPARATOR)) }];
  return [{ name: field, cell: (r: IncidentRecord) => cellOf(r[field]) }];
});

export function recordsToCsv(records: readonly IncidentRecord[]): string {
  const rows = [COLUMNS.map((c) => textCell(c.name)), ...records.map((r) => COLUMNS.map((c) => c.cell(r)))];
  return rows.map((cells) => `${cells.join(',')}\r\n`).join('');
}

/** Numbers as numbers; text (and null, an empty cell) guarded and quoted. */
function cellOf(value: string | number | null): string {
  return typeof value === 'number' ? numberCell(value) : textCell(value);
}

export function textCell(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function numberCell(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

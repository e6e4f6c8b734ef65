/**
 * incidents.csv: RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote or line
 * break, quotes doubled) with a header row. Text comes from a repository and a spreadsheet is
 * where it is opened, so a text cell that would start a formula (`=`, `+`, `-`, `@`, a tab or
 * carriage return, after any spaces) gets a leading `'` (OWASP's advice on CSV injection);
 * numbers are written as numbers.
 */
import { SEVERITIES, type IncidentRecord } from './record';

const COLUMNS = [
  'file',
  'title',
  'date',
  'severity',
  'status',
  'durationMinutes',
  'ttdMinutes',
  'ttaMinutes',
  'ttmMinutes',
  'ttrMinutes',
  'actionItems',
  'actionItemsOpen',
  'actionItemsWithoutTicket',
  ...SEVERITIES.map((s) => `findings${s[0].toUpperCase()}${s.slice(1)}`),
  'tickets',
];

/** The separator of the tickets cell. */
export const TICKET_SEPARATOR = '; ';

const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function recordsToCsv(records: readonly IncidentRecord[]): string {
  const lines = [COLUMNS.map(textCell)];
  for (const r of records) {
    lines.push([
      textCell(r.file),
      textCell(r.title),
      textCell(r.date),
      textCell(r.severity),
      textCell(r.status),
      numberCell(r.durationMinutes),
      numberCell(r.ttdMinutes),
      numberCell(r.ttaMinutes),
      numberCell(r.ttmMinutes),
      numberCell(r.ttrMinutes),
      numberCell(r.actionItems),
      numberCell(r.actionItemsOpen),
      numberCell(r.actionItemsWithoutTicket),
      ...SEVERITIES.map((s) => numberCell(r.findings[s])),
      textCell(r.tickets.join(TICKET_SEPARATOR)),
    ]);
  }
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

export function textCell(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function numberCell(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

/**
 * One row of the incident report per post-mortem (incidents.json, incidents.csv, the page's
 * table and charts): the facts of its model plus its findings. Unknown values are null, so every
 * record has every field.
 */
import type { Analysis } from '../lint';
import type { PostmortemModel } from '../postmortem/model';
import type { Finding, Severity } from '../types';
import { postmortemFacts } from './facts';

export type FindingCounts = Record<Severity, number>;

export interface IncidentRecord {
  /** The file as the report shows it (relative to the working directory or workspace folder, `/` separated). */
  file: string;
  title: string | null;
  date: string | null;
  severity: string | null;
  status: string | null;
  durationMinutes: number | null;
  ttdMinutes: number | null;
  ttaMinutes: number | null;
  ttmMinutes: number | null;
  ttrMinutes: number | null;
  actionItems: number;
  actionItemsOpen: number;
  actionItemsWithoutTicket: number;
  findings: FindingCounts;
  tickets: string[];
}

/** The fields in the order of incidents.csv's columns and of each JSON record. */
export const RECORD_FIELDS = [
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
  'findings',
  'tickets',
] as const satisfies readonly (keyof IncidentRecord)[];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The post-mortem model of an analysis, when the document was read as one. */
export function postmortemOf(analysis: Analysis): PostmortemModel | undefined {
  const parsed = analysis.parsed.find((p) => p.model.kind === 'postmortem');
  return parsed?.model as PostmortemModel | undefined;
}

/** The record of an analysed post-mortem; undefined when the document is not one. */
export function incidentRecord(file: string, analysis: Analysis, findings: Finding[]): IncidentRecord | undefined {
  const model = postmortemOf(analysis);
  if (!model) return undefined;
  const facts = postmortemFacts(model, { config: analysis.config, path: analysis.document.path ?? file });
  return {
    file,
    title: facts.title ?? null,
    date: facts.date ?? null,
    severity: facts.severity ?? null,
    status: facts.status ?? null,
    durationMinutes: facts.durationMinutes ?? null,
    ttdMinutes: facts.ttdMinutes ?? null,
    ttaMinutes: facts.ttaMinutes ?? null,
    ttmMinutes: facts.ttmMinutes ?? null,
    ttrMinutes: facts.ttrMinutes ?? null,
    actionItems: facts.actionItems,
    actionItemsOpen: facts.actionItemsOpen,
    actionItemsWithoutTicket: facts.actionItemsWithoutTicket,
    findings: countBySeverity(findings),
    tickets: facts.tickets,
  };
}

export function countBySeverity(findings: Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export interface Period {
  /** `YYYY-MM-DD`, inclusive. */
  since?: string;
  until?: string;
}

/**
 * Whether the record's date lies in the period. Without a period every record does; with one, a
 * record without a date cannot be placed and is left out (the caller says how many).
 */
export function inPeriod(record: IncidentRecord, period: Period): boolean {
  if (!period.since && !period.until) return true;
  if (!record.date) return false;
  return (!period.since || record.date >= period.since) && (!period.until || record.date <= period.until);
}

/** Newest first, then by file: the order of the table and the files. */
export function compareRecords(a: IncidentRecord, b: IncidentRecord): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/**
 * The findings a change introduces or resolves. Each version's findings are given to an entry by
 * where they start (the rest belong to the file: defaults, syntax, size), and the findings of two
 * matched entries compare by rule and message. Lines move and names change between versions, so
 * neither the position nor the entry's own name takes part in the comparison.
 */
import { quoteText } from '../quote';
import type { Finding, Severity } from '../types';
import { entryLabel, type CertModel, type InventoryEntry } from './model';

export interface DiffFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based, in the version the finding is in (the new one when introduced, the old one when resolved). */
  line: number;
  column: number;
}

export interface FindingChanges {
  introduced: DiffFinding[];
  resolved: DiffFinding[];
}

/** One version's findings, by entry index, and those of no entry. */
export interface PlacedFindings {
  byEntry: Finding[][];
  outside: Finding[];
}

export function placeFindings(model: CertModel | undefined, findings: readonly Finding[]): PlacedFindings {
  const entries = model?.inventory?.entries ?? [];
  const byEntry: Finding[][] = entries.map(() => []);
  const outside: Finding[] = [];
  if (!model) return { byEntry, outside: [...findings] };
  // Entries are in document order, so the one holding an offset is found by bisection.
  const starts = entries.map((e) => e.span.start);
  for (const finding of findings) {
    const offset = model.lines.offsetAt(finding.range.start);
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0 && offset <= entries[found].span.end) byEntry[found].push(finding);
    else outside.push(finding);
  }
  return { byEntry, outside };
}

/** Findings of `after` with no equal in `before` (introduced), and the reverse (resolved). */
export function compareFindings(
  before: { findings: readonly Finding[]; entry?: InventoryEntry },
  after: { findings: readonly Finding[]; entry?: InventoryEntry },
): FindingChanges {
  const remaining = new Map<string, number>();
  for (const f of before.findings) {
    const key = findingKey(f, before.entry);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const introduced: DiffFinding[] = [];
  for (const f of after.findings) {
    const key = findingKey(f, after.entry);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else introduced.push(diffFinding(f));
  }
  const resolved: DiffFinding[] = [];
  for (const f of before.findings) {
    const key = findingKey(f, before.entry);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      resolved.push(diffFinding(f));
    }
  }
  return { introduced, resolved };
}

export function diffFinding(f: Finding): DiffFinding {
  return { rule: f.rule, severity: f.severity, message: f.message, line: f.range.start.line + 1, column: f.range.start.character + 1 };
}

const ENTRY = '\u0000entry\u0000';

/** Rule and message, with the entry's label (its name, or its position when unnamed) taken out. */
function findingKey(f: Finding, entry: InventoryEntry | undefined): string {
  let message = f.message;
  if (entry) {
    message = message.split(entryLabel(entry)).join(ENTRY);
    if (entry.name !== undefined) message = message.split(`entry ${quoteText(entry.name)}`).join(`entry ${ENTRY}`);
  }
  return `${f.rule}\u0000${message}`;
}

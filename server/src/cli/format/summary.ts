import type { Severity } from '../../core/types';
import type { FileReport } from './types';

export type SeverityCounts = Record<Severity, number>;

export function countFindings(reports: FileReport[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const report of reports) for (const f of report.findings) counts[f.severity]++;
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 errors, 5 warnings, 2 infos in 4 files (12 checked)"; hints only when there are some. */
export function summaryLine(reports: FileReport[]): string {
  const counts = countFindings(reports);
  const checked = reports.length;
  const withFindings = reports.filter((r) => r.findings.length > 0).length;
  if (checked === 0) return 'No files checked.';
  if (withFindings === 0) return `No problems in ${plural(checked, 'file')}.`;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info')];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  return `${parts.join(', ')} in ${plural(withFindings, 'file')} (${checked} checked)`;
}

import { createHash } from 'node:crypto';
import { escapeControls } from '../../core/quote';
import { LineIndex } from '../../core/text';
import type { Finding, Severity } from '../../core/types';
import { locationOf } from './location';
import type { FileReport, Formatter } from './types';

/** GitLab's scale is info, minor, major, critical, blocker; blocker is left for what stops a release. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = {
  hint: 'info',
  info: 'minor',
  warning: 'major',
  error: 'critical',
};

/** At most this much of the text a finding covers goes into its fingerprint (a finding may cover a whole table). */
const MAX_FINGERPRINT_TEXT = 500;

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: (typeof SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * GitLab Code Quality (a subset of the Code Climate spec): one issue per finding, for
 * `artifacts: reports: codequality:`. GitLab tells new findings from old ones by fingerprint, so
 * it names what the finding is about, not where: the file, the rule, the message with its
 * numbers masked (days left change every day) and the text the finding covers, plus a count
 * among findings alike. Lines added or removed elsewhere in the file leave it unchanged.
 */
export const gitlabFormatter: Formatter = {
  name: 'gitlab',
  description: 'GitLab Code Quality JSON (artifacts: reports: codequality)',
  format(reports) {
    const issues = reports.flatMap(issuesOf);
    return `${JSON.stringify(issues, null, 2)}\n`;
  },
};

function issuesOf(report: FileReport): CodeQualityIssue[] {
  const lines = report.text === undefined ? undefined : new LineIndex(report.text);
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const { line, endLine } = locationOf(f);
    const key = JSON.stringify([report.file, f.rule, f.message.replace(/\d+/g, '#'), lines ? coveredText(lines, f) : '']);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return {
      description: `${f.message} (${f.rule})`,
      check_name: f.rule,
      fingerprint: createHash('sha256').update(`${key}\n${occurrence}`).digest('hex'),
      severity: SEVERITY[f.severity],
      location: { path: escapeControls(report.file), lines: { begin: line, end: endLine } },
    };
  });
}

function coveredText(lines: LineIndex, finding: Finding): string {
  const start = lines.offsetAt(finding.range.start);
  const end = Math.min(lines.offsetAt(finding.range.end), start + MAX_FINGERPRINT_TEXT);
  return lines.text.slice(start, end).replace(/\s+/g, ' ').trim();
}

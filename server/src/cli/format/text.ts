import { escapeControls } from '../../core/quote';
import type { Finding, Severity } from '../../core/types';
import { palette, type Palette } from './colors';
import { locationOf } from './location';
import { countFindings, summaryLine } from './summary';
import type { FileReport, Formatter } from './types';

/**
 * For people: `file:line:col severity rule message`, one line per finding, aligned per file,
 * a blank line between files, and a summary line. The `file:line:col` prefix stays intact so
 * terminals and editors can open it.
 */
export const textFormatter: Formatter = {
  name: 'text',
  description: 'file:line:col severity rule message, grouped by file, with a summary (default)',
  format(reports, context) {
    const colors = palette(context.color);
    const groups = reports.filter((r) => r.findings.length > 0).map((r) => formatFile(r, colors));
    const counts = countFindings(reports);
    const tint = counts.error > 0 ? colors.red : counts.warning > 0 ? colors.yellow : (s: string) => s;
    const summary = colors.bold(tint(summaryLine(reports)));
    return [...groups, summary].join('\n\n') + '\n';
  },
};

function formatFile(report: FileReport, colors: Palette): string {
  const rows = report.findings.map((f) => {
    const { line, column } = locationOf(f);
    return { where: `${escapeControls(report.file)}:${line}:${column}`, finding: f };
  });
  const whereWidth = Math.max(...rows.map((r) => r.where.length));
  const severityWidth = Math.max(...rows.map((r) => r.finding.severity.length));
  const ruleWidth = Math.max(...rows.map((r) => r.finding.rule.length));
  return rows
    .map(({ where, finding }) =>
      [
        colors.underline(where) + ' '.repeat(whereWidth - where.length),
        severityColor(finding.severity, colors)(finding.severity.padEnd(severityWidth)),
        colors.dim(finding.rule.padEnd(ruleWidth)),
        oneLine(finding),
      ].join('  '),
    )
    .join('\n');
}

function severityColor(severity: Severity, colors: Palette): (s: string) => string {
  switch (severity) {
    case 'error':
      return colors.red;
    case 'warning':
      return colors.yellow;
    case 'info':
      return colors.blue;
    case 'hint':
      return colors.dim;
  }
}

/**
 * A message with line breaks would break "one line per finding", and one with control
 * characters (from a document, a path, a server's certificate) would drive the terminal.
 */
function oneLine(finding: Finding): string {
  return escapeControls(finding.message.replace(/\s*\r?\n\s*/g, ' ').trimEnd());
}

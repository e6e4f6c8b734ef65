import { locationOf } from './location';
import type { Formatter } from './types';

/**
 * One JSON array of findings, one finding per line so the output diffs and greps well.
 * CI scripts read these keys, so they are an interface and do not change: file, line, column,
 * endLine, endColumn, severity, rule, message.
 */
export const jsonFormatter: Formatter = {
  name: 'json',
  description: 'one JSON array of findings with 1-based positions',
  format(reports) {
    const rows = reports.flatMap(({ file, findings }) =>
      findings.map((f) => JSON.stringify({ file, ...locationOf(f), severity: f.severity, rule: f.rule, message: f.message })),
    );
    return rows.length === 0 ? '[]\n' : `[\n  ${rows.join(',\n  ')}\n]\n`;
  },
};

import { locationOf } from './location';
import type { RelatedInformation } from '../../core/types';
import type { Formatter } from './types';

/** A related place, 1-based like the finding: in another file when the rule named its path. */
function relatedRow(related: RelatedInformation, file: string, showPath?: (file: string) => string) {
  const shown = related.path === undefined ? file : (showPath?.(related.path) ?? related.path);
  return { file: shown, line: related.range.start.line + 1, column: related.range.start.character + 1, message: related.message };
}

/**
 * One JSON array of findings, one finding per line so the output diffs and greps well.
 * CI scripts read these keys, so they are an interface and do not change: file, line, column,
 * endLine, endColumn, severity, rule, message. A finding that points into another file (the
 * cross-file cert/* rules) adds `related`: each place's file (shown as `file` is), line, column
 * and message; the output of every other finding stays as it was.
 */
export const jsonFormatter: Formatter = {
  name: 'json',
  description: 'one JSON array of findings with 1-based positions',
  format(reports, context) {
    const rows = reports.flatMap(({ file, findings }) =>
      findings.map((f) =>
        JSON.stringify({
          file,
          ...locationOf(f),
          severity: f.severity,
          rule: f.rule,
          message: f.message,
          ...(f.related?.some((r) => r.path !== undefined) ? { related: f.related.map((r) => relatedRow(r, file, context.showPath)) } : {}),
        }),
      ),
    );
    return rows.length === 0 ? '[]\n' : `[\n  ${rows.join(',\n  ')}\n]\n`;
  },
};

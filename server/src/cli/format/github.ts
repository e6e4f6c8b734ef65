import { escapeControls } from '../../core/quote';
import type { Severity } from '../../core/types';
import { locationOf } from './location';
import type { Formatter } from './types';

/**
 * GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, which
 * the runner turns into annotations on the pull request's diff. Nothing else is printed, so every
 * line of stdout is a command.
 */
export const githubFormatter: Formatter = {
  name: 'github',
  description: 'GitHub Actions annotations (::error/::warning/::notice workflow commands)',
  format(reports) {
    const lines = reports.flatMap(({ file, findings }) =>
      findings.map((f) => {
        const { line, column, endLine, endColumn } = locationOf(f);
        const properties: [string, string | number][] = [
          ['file', escapeControls(file)],
          ['line', line],
          ['col', column],
          ['endLine', endLine],
          ['endColumn', endColumn],
          ['title', f.rule],
        ];
        const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
        // Control characters would colour or rewrite the log; line breaks stay, the annotation shows them.
        return `::${githubCommand(f.severity)} ${props}::${escapeData(escapeControls(f.message, true))}`;
      }),
    );
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  },
};

function githubCommand(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/** The message part: `%` first, so the escapes added after it are not escaped again. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and the properties at `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

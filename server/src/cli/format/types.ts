import type { Finding, Severity } from '../../core/types';
import type { FormatName } from './names';

/** The findings of one checked file; files without findings are included so summaries can count them. */
export interface FileReport {
  /** Path as shown to the user: relative to the working directory, forward slashes. */
  file: string;
  findings: Finding[];
  /** The text that was checked, for formats that quote it (GitLab's fingerprints). */
  text?: string;
}

/** What a CI format may need to describe the rules (SARIF lists every rule with a help link). */
export interface RuleDescription {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  helpUri: string;
}

export interface FormatContext {
  /** ANSI colours allowed (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  rules: RuleDescription[];
  toolVersion: string;
  /** How a path in related information is shown (as FileReport.file is); absolute without it. */
  showPath?(file: string): string;
}

/**
 * One output format of `lint --format`. Adding one (sarif, github) is a new file plus a line in
 * format/index.ts; the lint command does not change.
 */
export interface Formatter {
  name: FormatName;
  description: string;
  /** The complete text written to stdout, ending with a newline. */
  format(reports: FileReport[], context: FormatContext): string;
}

import type { Finding } from '../../core/types';

/** 1-based line and column of a finding, as editors and CI annotations show them. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Core ranges are 0-based lines and UTF-16 characters; every CLI format shows them 1-based. */
export function locationOf(finding: Finding): Location {
  const { start, end } = finding.range;
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

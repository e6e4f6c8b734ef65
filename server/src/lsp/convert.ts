import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/types';
import type { ClientFeatures } from './clientFeatures';
import { ruleDocsUrl } from '../core/ruleReference';

const DIAGNOSTIC_SOURCE = 'incident-docs';

/** Carried in `diagnostic.data` so a code-action request can find the finding (and its fixes) again. */
export interface DiagnosticData {
  version: number;
  index: number;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(
  finding: Finding,
  uri: string,
  data: DiagnosticData,
  features: ClientFeatures['diagnostics'],
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITIES[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.rule,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (features.codeDescription) diagnostic.codeDescription = { href: ruleDocsUrl(finding.rule) };
  if (features.relatedInformation && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }),
    );
  }
  if (features.data) diagnostic.data = data;
  return diagnostic;
}

export function isOurDiagnostic(diagnostic: Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string';
}

export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return typeof data?.version === 'number' && typeof data.index === 'number'
    ? { version: data.version, index: data.index }
    : undefined;
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** True when the ranges overlap or touch: a cursor at either end of a finding counts. */
export function rangesTouch(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

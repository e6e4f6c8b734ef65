import type * as Sarif from 'sarif';
import { DOCUMENT_FINDINGS, RULE_DOCS_BASE_URL, ruleDocsUrl } from '../../core/ruleReference';
import type { Severity } from '../../core/types';
import { locationOf } from './location';
import type { FileReport, Formatter, RuleDescription } from './types';

// Written by hand on @types/sarif: node-sarif-builder 5 needs Node 22, and 4.x only adds
// ruleIndex bookkeeping plus generated artifacts without our uriBaseId.

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The repository the rule reference lives in. */
const INFORMATION_URI = RULE_DOCS_BASE_URL.replace(/\/blob\/.*$/, '');
/** Paths are relative to the working directory; GitHub code scanning resolves %SRCROOT% to the checkout. */
const SRCROOT = '%SRCROOT%';

function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * SARIF 2.1.0 for code scanning: one run, every rule in tool.driver.rules (so a result's
 * ruleIndex points at its rule and help link), regions 1-based in UTF-16 code units like the core.
 */
export const sarifFormatter: Formatter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)',
  format(reports, context) {
    const rules = withDocumentFindings(context.rules);
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const log: Sarif.Log = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'incident-docs',
              version: context.toolVersion,
              informationUri: INFORMATION_URI,
              rules: rules.map(reportingDescriptor),
            },
          },
          columnKind: 'utf16CodeUnits',
          results: reports.flatMap((report) => report.findings.map((f) => result(report, f, ruleIndex.get(f.rule)))),
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

/** doc/too-large and doc/internal-error are findings too; list them so their results have a rule. */
function withDocumentFindings(rules: RuleDescription[]): RuleDescription[] {
  const extra = DOCUMENT_FINDINGS.filter((d) => !rules.some((r) => r.id === d.id)).map((d) => ({
    id: d.id,
    defaultSeverity: d.severity,
    summary: d.summary,
    helpUri: ruleDocsUrl(d.id),
  }));
  return [...rules, ...extra];
}

function reportingDescriptor(rule: RuleDescription): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: plainText(rule.summary), markdown: rule.summary.trim() },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
  };
}

function result(report: FileReport, finding: FileReport['findings'][number], index: number | undefined): Sarif.Result {
  const { line, column, endLine, endColumn } = locationOf(finding);
  return {
    ruleId: finding.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(report.file), uriBaseId: SRCROOT },
          region: { startLine: line, startColumn: column, endLine, endColumn },
        },
      },
    ],
  };
}

/** A relative URI reference: each segment percent-encoded (spaces, #, ? and % in file names). */
function artifactUri(displayPath: string): string {
  return displayPath.split('/').map(encodeURIComponent).join('/');
}

/** shortDescription.text is plain text; the summaries use Markdown code spans. */
function plainText(markdown: string): string {
  return markdown.trim().replace(/`([^`]*)`/g, '$1');
}

/**
 * The diagnostics of one document. At scale one rule can report thousands of times in one file
 * (4,800 expired entries of a neglected inventory): VS Code keeps 1,000 problems per file, errors
 * first, so every warning of that file would be hidden, and each keystroke would ship megabytes to
 * the editor. A rule with more findings than `groupFindingsAbove` in one document is shown as one
 * diagnostic, at its first finding, listing the findings (up to RELATED_LIMIT) in its related information. The CLI
 * reports each finding whatever the setting says.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { allRules } from '../core/ruleReference';
import type { Finding, Severity } from '../core/types';
import type { ClientFeatures } from './clientFeatures';
import { toDiagnostic } from './convert';

/**
 * Related places listed per grouped diagnostic. Every publish carries them (each keystroke), and
 * the editor converts and lays out each one; a longer list is no easier to read in the Problems
 * panel than the Certificates view's, which holds every entry.
 */
export const RELATED_LIMIT = 200;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const count = (n: number) => n.toLocaleString('en-US');

export function toDiagnostics(
  findings: readonly Finding[],
  uri: string,
  version: number,
  features: ClientFeatures['diagnostics'],
  groupAbove: number,
): Diagnostic[] {
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const grouped = new Set([...byRule].filter(([, n]) => groupAbove > 0 && n > groupAbove).map(([rule]) => rule));
  const out: Diagnostic[] = [];
  const groups = new Map<string, { first: Diagnostic; members: Finding[] }>();
  findings.forEach((finding, index) => {
    const group = grouped.has(finding.rule) ? groups.get(finding.rule) : undefined;
    if (group) {
      group.members.push(finding);
      return;
    }
    const diagnostic = toDiagnostic(finding, uri, { version, index }, features);
    if (grouped.has(finding.rule)) groups.set(finding.rule, { first: diagnostic, members: [finding] });
    out.push(diagnostic);
  });
  for (const [rule, { first, members }] of groups) summarise(first, rule, members, uri, features, groupAbove);
  return out;
}

/** Turns the group's first diagnostic into the group's: its message counts them, its related information lists them. */
function summarise(
  diagnostic: Diagnostic,
  rule: string,
  members: Finding[],
  uri: string,
  features: ClientFeatures['diagnostics'],
  groupAbove: number,
): void {
  const worst = members.reduce((a, f) => (RANK[f.severity] < RANK[a.severity] ? f : a), members[0]);
  const listed = features.relatedInformation ? Math.min(members.length, RELATED_LIMIT) : 0;
  const where =
    listed === members.length
      ? 'each is listed in related information'
      : listed > 0
        ? `the first ${count(listed)} are listed in related information`
        : `the first is here`;
  diagnostic.message = `${count(members.length)} findings: ${ruleSummary(rule)} More than ${count(groupAbove)} of one rule in a file show as one (groupFindingsAbove); ${where}.`;
  diagnostic.severity = toDiagnostic(worst, uri, { version: 0, index: 0 }, features).severity;
  if (listed > 0) {
    diagnostic.relatedInformation = members.slice(0, listed).map(
      (f): DiagnosticRelatedInformation => ({ location: { uri, range: f.range }, message: f.message }),
    );
  }
}

let summaries: Map<string, string> | undefined;

/** The rule's one-sentence summary from its docs ("`expires` is in the past."). */
function ruleSummary(rule: string): string {
  summaries ??= new Map(allRules().map((r) => [r.id, r.docs.summary]));
  return summaries.get(rule) ?? `${rule}.`;
}

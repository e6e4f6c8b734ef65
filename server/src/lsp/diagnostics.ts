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
  const advice = listed > 0 ? sharedAdvice(members.slice(0, listed).map((f) => f.message)) : undefined;
  const where =
    listed === members.length
      ? 'each is listed in related information'
      : listed > 0
        ? `the first ${count(listed)} are listed in related information`
        : `the first is here`;
  diagnostic.message = `${count(members.length)} findings: ${ruleSummary(rule)}${advice ? ` ${advice}` : ''} More than ${count(groupAbove)} of one rule in a file show as one (groupFindingsAbove); ${where}.`;
  diagnostic.severity = toDiagnostic(worst, uri, { version: 0, index: 0 }, features).severity;
  if (listed > 0) {
    diagnostic.relatedInformation = members.slice(0, listed).map(
      (f): DiagnosticRelatedInformation => ({ location: { uri, range: f.range }, message: advice ? withoutAdvice(f.message, advice) : f.message }),
    );
  }
}

/** Shorter than this, a shared ending is no advice worth lifting out ("… ago)."). */
const MIN_ADVICE = 20;

/**
 * The closing sentences every listed message ends with ("Renew it, or update `expires` if it was
 * renewed."), when there are any: the group's message says them once and the list leaves them
 * out. Repeated 200 times they were a sixth of each publish of the 5,000-entry benchmark
 * inventory (197 KB per keystroke, 165 KB without) and made each line of the list hard to scan.
 * A sentence starts after ". " with a capital, a backtick or a quote, so "e.g. team@" is no boundary.
 */
export function sharedAdvice(messages: readonly string[]): string | undefined {
  if (messages.length < 2) return undefined;
  const first = messages[0];
  let shared = first.length;
  for (const m of messages) {
    shared = Math.min(shared, m.length);
    let k = 0;
    while (k < shared && m.charCodeAt(m.length - 1 - k) === first.charCodeAt(first.length - 1 - k)) k++;
    shared = k;
    if (shared < MIN_ADVICE) return undefined;
  }
  const tail = first.slice(first.length - shared);
  for (let i = 2; i <= tail.length - MIN_ADVICE; i++) {
    if (tail[i - 2] === '.' && tail[i - 1] === ' ' && /[A-Z`"']/.test(tail[i])) {
      const advice = tail.slice(i);
      // Every message keeps a sentence of its own before the advice.
      return messages.every((m) => m.length > advice.length + 2) ? advice : undefined;
    }
  }
  return undefined;
}

/** The message without the advice its group states once. */
function withoutAdvice(message: string, advice: string): string {
  return message.endsWith(advice) ? message.slice(0, message.length - advice.length).trimEnd() : message;
}

let summaries: Map<string, string> | undefined;

/** The rule's one-sentence summary from its docs ("`expires` is in the past."). */
function ruleSummary(rule: string): string {
  summaries ??= new Map(allRules().map((r) => [r.id, r.docs.summary]));
  return summaries.get(rule) ?? `${rule}.`;
}

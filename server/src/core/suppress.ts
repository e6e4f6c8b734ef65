import type { SuppressionDirective } from './rule';
import type { Finding } from './types';

export const DIRECTIVE_PREFIX = 'incident-docs-';

/**
 * Parses the body of a comment ("incident-docs-disable pm/empty-row pm/empty-section") into a
 * directive. The comment itself was found by the document's parser (HTML comment node, YAML comment).
 */
export function parseDirective(commentBody: string, line: number): SuppressionDirective | undefined {
  const words = commentBody.trim().split(/[\s,]+/).filter(Boolean);
  const head = words.shift();
  if (!head?.startsWith(DIRECTIVE_PREFIX)) return undefined;
  const action = head.slice(DIRECTIVE_PREFIX.length);
  if (action !== 'disable' && action !== 'enable' && action !== 'disable-next-line' && action !== 'disable-line') {
    return undefined;
  }
  return { line, action, rules: words };
}

/**
 * Drops findings silenced by directives, markdownlint-style: `disable` until `enable` (by rule or
 * for all), `disable-next-line` for the next line, `disable-line` for the comment's own line.
 */
export function applySuppressions(findings: Finding[], directives: SuppressionDirective[]): Finding[] {
  if (directives.length === 0) return findings;
  const ordered = [...directives].sort((a, b) => a.line - b.line);
  return findings.filter((f) => !isSuppressed(f, ordered));
}

function isSuppressed(finding: Finding, directives: SuppressionDirective[]): boolean {
  const line = finding.range.start.line;
  const applies = (d: SuppressionDirective) => d.rules.length === 0 || d.rules.includes(finding.rule);
  let disabled = false;
  for (const d of directives) {
    if (d.action === 'disable-next-line' && d.line + 1 === line && applies(d)) return true;
    if (d.action === 'disable-line' && d.line === line && applies(d)) return true;
    if (d.line > line) continue;
    if (d.action === 'disable' && applies(d)) disabled = true;
    if (d.action === 'enable' && applies(d)) disabled = false;
  }
  return disabled;
}

/** `incident-docs-disable-line pm/empty-row`: a directive's words, for the document's own comment syntax to wrap. */
export function directiveWords(action: SuppressionDirective['action'], rules: readonly string[]): string {
  return `${DIRECTIVE_PREFIX}${action} ${rules.join(' ')}`;
}

/**
 * Where `rule` goes to join the directive of `action` already on `line` (its comment ends at
 * `commentEnd`, found by the caller in its own syntax): one comment per line, a list of rules in it.
 */
export function existingDirective(directives: readonly SuppressionDirective[], line: number, action: SuppressionDirective['action']): SuppressionDirective | undefined {
  return directives.find((d) => d.line === line && d.action === action && d.rules.length > 0);
}

import { documentTypes } from '../core/documentTypes';
import { INTERNAL_ERROR_RULE, TOO_LARGE_RULE } from '../core/lint';
import { renderRulesMarkdown, ruleReference, type DocumentFindingInfo, type RuleGroup } from '../core/ruleReference';

/**
 * The one source of the rule reference: `incident-docs rules` prints it and
 * scripts/gen-rule-docs.ts writes it to docs/rules.md, so the two cannot differ.
 */
export function ruleGroups(): RuleGroup[] {
  return documentTypes.map((t) => ({ kind: t.kind, rules: t.rules }));
}

/** Not rules (they cannot be configured per rule like the others), but they carry ids and need an anchor. */
export const DOCUMENT_FINDINGS: DocumentFindingInfo[] = [
  {
    id: TOO_LARGE_RULE,
    severity: 'info',
    summary: 'The file is larger than `maxFileSizeBytes` (5 MiB by default) and was not checked.',
  },
  {
    id: INTERNAL_ERROR_RULE,
    severity: 'info',
    summary: 'A rule or parser failed on this document. The other rules still ran; please report the document.',
  },
];

export function rulesMarkdown(): string {
  return renderRulesMarkdown(ruleGroups(), DOCUMENT_FINDINGS);
}

export function rulesJson(): string {
  return JSON.stringify(ruleReference(ruleGroups()), null, 2) + '\n';
}

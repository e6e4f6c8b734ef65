/**
 * Where a rule's documentation lives. Placeholder until core/ruleDocs.ts (`ruleDocsUrl`) lands;
 * then this file re-exports that and nothing in lsp/ changes.
 */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/incident-docs/incident-docs/blob/main/README.md#${ruleId.replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
}

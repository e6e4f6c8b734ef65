/** "Disable this rule for this line" as a fix: the comment's edits from the document type that reported the finding. */
import type { Analysis } from './lint';
import type { Finding, TextEdit } from './types';

export function suppressionEdits(analysis: Analysis, finding: Pick<Finding, 'rule' | 'range'>): TextEdit[] | undefined {
  const parsed = analysis.parsed.find((p) => p.type.rules.some((r) => r.id === finding.rule));
  const edits = parsed?.suppress(finding.range.start.line, finding.rule);
  return edits?.map((e) => ({ range: parsed!.model.lines.rangeOf(e.span), newText: e.newText }));
}

import type { CodeLens } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';

/** Lenses from every document type; an informational lens gets an empty command id, which clients show as plain text. */
export function codeLenses(result: DocumentAnalysis): CodeLens[] {
  return result.analysis.parsed.flatMap(({ type, model }) =>
    (type.codeLenses?.(model, result.context) ?? []).map((lens) => ({
      range: model.lines.rangeOf(lens.span),
      command: { title: lens.title, command: lens.command?.id ?? '', arguments: lens.command?.arguments },
    })),
  );
}

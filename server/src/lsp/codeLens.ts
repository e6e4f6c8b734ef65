import type { CodeLens } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';

/** Lenses from every document type; an informational lens gets an empty command id, which clients show as plain text. */
export function codeLenses(result: DocumentAnalysis): CodeLens[] {
  return result.analysis.parsed.flatMap(({ model, codeLenses }) =>
    codeLenses(result.context).map((lens) => ({
      range: model.lines.rangeOf(lens.span),
      command: { title: lens.title, command: lens.command?.id ?? '', arguments: withUri(lens.command?.arguments, result.analysis.document.uri) },
    })),
  );
}

/** Core lenses do not know the document's URI; a command that acts on the document needs it. */
function withUri(args: unknown[] | undefined, uri: string | undefined): unknown[] | undefined {
  if (!args || !uri) return args;
  return args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? { uri, ...a } : a));
}

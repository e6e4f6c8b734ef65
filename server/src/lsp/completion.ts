import { CompletionItemKind, InsertTextMode, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';
import type { ClientFeatures } from './clientFeatures';

/** Completions every document type offers at the position (front-matter keys and values of a post-mortem). */
export function completion(position: Position, result: DocumentAnalysis, features: ClientFeatures['completion']): CompletionItem[] {
  return result.analysis.parsed.flatMap(({ model, completion }) =>
    completion(model.lines.offsetAt(position), result.context).map((item, i) => ({
      label: item.label,
      kind: item.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: item.detail,
      documentation: item.documentation === undefined ? undefined : features.markdown ? { kind: MarkupKind.Markdown, value: item.documentation } : item.documentation,
      textEdit: { range: model.lines.rangeOf(item.span), newText: item.newText },
      // The text carries its own indentation (a nested key's line): the client must not add more.
      insertTextMode: features.insertTextModeAsIs ? InsertTextMode.asIs : undefined,
      // In the schema's order, not the alphabet's.
      sortText: String(i).padStart(4, '0'),
    })),
  );
}

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';

/** The first hover a document type offers at the position. */
export function hover(position: Position, result: DocumentAnalysis, markdown: boolean): Hover | null {
  for (const { model, hover } of result.analysis.parsed) {
    const info = hover(model.lines.offsetAt(position), result.context);
    if (!info) continue;
    return {
      // Clients that cannot render Markdown still read it well as plain text.
      contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: info.markdown },
      range: model.lines.rangeOf(info.span),
    };
  }
  return null;
}

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { plainTextOf } from '../core/hoverText';
import type { DocumentAnalysis } from './analyses';

/** The first hover a document type offers at the position. */
export function hover(position: Position, result: DocumentAnalysis, markdown: boolean): Hover | null {
  for (const { model, hover } of result.analysis.parsed) {
    const info = hover(model.lines.offsetAt(position), result.context);
    if (!info) continue;
    return {
      // A client whose contentFormat lacks Markdown would show its marks and escapes as they are.
      contents: markdown ? { kind: MarkupKind.Markdown, value: info.markdown } : { kind: MarkupKind.PlainText, value: plainTextOf(info.markdown) },
      range: model.lines.rangeOf(info.span),
    };
  }
  return null;
}

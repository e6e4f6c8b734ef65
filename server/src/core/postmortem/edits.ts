import type { EditSpec } from '../rule';
import type { LineIndex } from '../text';
import type { Span } from '../types';

/**
 * Deletes a block. When it stands alone on its lines, the whole lines go (and one blank line
 * after it, so no double gap is left); otherwise just its own text.
 */
export function deleteBlock(span: Span, lines: LineIndex): EditSpec {
  const text = lines.text;
  const lineStart = lines.lineStartOffset(lines.positionAt(span.start).line);
  const endLine = lines.positionAt(span.end).line;
  const lineEnd = lines.lineEndOffset(endLine);
  const aloneOnLines = text.slice(lineStart, span.start).trim() === '' && text.slice(span.end, lineEnd).trim() === '';
  if (!aloneOnLines) return { span, newText: '' };
  let end = lines.wholeLines({ start: span.start, end: lineEnd }).end;
  const next = endLine + 1;
  if (next < lines.lineCount - 1 && text.slice(lines.lineStartOffset(next), lines.lineEndOffset(next)).trim() === '') {
    end = lines.lineStartOffset(next + 1);
  }
  return { span: { start: lineStart, end }, newText: '' };
}

import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import type { OutlineItem } from '../core/editorServices';
import type { LineIndex } from '../core/text';
import type { DocumentAnalysis } from './analyses';
import type { ClientFeatures } from './clientFeatures';

const KINDS: Record<OutlineItem['kind'], SymbolKind> = {
  section: SymbolKind.String, // what VS Code's own Markdown outline uses for headings
  entry: SymbolKind.Event,
  resource: SymbolKind.Object,
  key: SymbolKind.Key,
};

/** For clients that know only the LSP 1.0 kinds. */
const FALLBACK_KINDS: Partial<Record<SymbolKind, SymbolKind>> = {
  [SymbolKind.Event]: SymbolKind.Field,
  [SymbolKind.Object]: SymbolKind.Class,
  [SymbolKind.Key]: SymbolKind.Property,
};

/**
 * The outline as nested DocumentSymbols, or flat SymbolInformation for clients without hierarchy.
 * With `timelineOnly` (the editor outlines Markdown headings itself), a post-mortem's outline is
 * its timeline's entries alone: a second tree of the same headings helps nobody.
 */
export function documentSymbols(
  uri: string,
  result: DocumentAnalysis,
  features: ClientFeatures['symbols'],
  timelineOnly = false,
): DocumentSymbol[] | SymbolInformation[] {
  const kindOf = (item: OutlineItem) => {
    const kind = KINDS[item.kind] ?? SymbolKind.String;
    return features.kinds.has(kind) ? kind : (FALLBACK_KINDS[kind] ?? SymbolKind.String);
  };
  const toSymbol = (item: OutlineItem, lines: LineIndex): DocumentSymbol => {
    const range = lines.rangeOf(item.span);
    const selection = lines.rangeOf(item.selectionSpan);
    return {
      name: item.name.trim() || '(untitled)', // clients reject empty names
      detail: item.detail,
      kind: kindOf(item),
      range,
      // Clients reject a selection range outside the full range.
      selectionRange: contains(range, selection) ? selection : range,
      children: item.children.map((child) => toSymbol(child, lines)),
    };
  };
  const symbols = result.analysis.parsed.flatMap(({ model, outline }) => {
    const items = timelineOnly && model.kind === 'postmortem' ? withoutSections(outline()) : outline();
    return items.map((item) => toSymbol(item, model.lines));
  });
  return features.hierarchical ? symbols : flatten(symbols, uri);
}

/** Sections give way to what they hold, down to the entries. */
function withoutSections(items: OutlineItem[]): OutlineItem[] {
  const out: OutlineItem[] = [];
  const pending = [...items].reverse();
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.kind === 'section') pending.push(...[...item.children].reverse());
    else out.push(item);
  }
  return out;
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container },
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import { defaultConfig } from '../core/config';
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
 * Items of a document's outline computed at most, children counted, unless the `outlineMaxItems`
 * setting says otherwise (yaml-language-server's `maxItemsComputed`, 5,000 there, counts every
 * key). VS Code asks for the outline after every edit while the outline, breadcrumbs or sticky
 * scroll show, and builds its tree of every symbol: for the 5,000 entries of an inventory, a
 * share of the editor's work per keystroke (README).
 */
export const OUTLINE_MAX_ITEMS = defaultConfig().outlineMaxItems;

/** What documentOutline gives, and how much of the outline it left out. */
export interface Outline {
  symbols: DocumentSymbol[] | SymbolInformation[];
  /** Set when the outline was over the limit: the items it has, and how many there were. */
  capped?: { shown: number; total: number };
}

/**
 * The outline as nested DocumentSymbols, or flat SymbolInformation for clients without hierarchy.
 * With `timelineOnly` (the editor outlines Markdown headings itself), a post-mortem's outline is
 * its timeline's entries alone: a second tree of the same headings helps nobody. Over `maxItems`,
 * the first items level by level (sections before what they hold, the first entries), after one
 * that says so.
 */
export function documentOutline(
  uri: string,
  result: DocumentAnalysis,
  features: ClientFeatures['symbols'],
  timelineOnly = false,
  maxItems = OUTLINE_MAX_ITEMS,
): Outline {
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
  const outlines = result.analysis.parsed.map(({ model, outline }) => ({
    lines: model.lines,
    items: timelineOnly && model.kind === 'postmortem' ? withoutSections(outline()) : outline(),
  }));
  const total = outlines.reduce((n, o) => n + countItems(o.items), 0);
  let budget = Math.max(0, maxItems);
  const symbols = outlines.flatMap(({ lines, items }) => {
    const kept = total > maxItems ? firstItems(items, budget) : items;
    budget -= countItems(kept);
    return kept.map((item) => toSymbol(item, lines));
  });
  const capped = total > maxItems ? { shown: Math.min(total, Math.max(0, maxItems)), total } : undefined;
  if (capped) symbols.unshift(cappedNote(capped));
  return { symbols: features.hierarchical ? symbols : flatten(symbols, uri), capped };
}

/** The first symbol of a capped outline: how much it shows (at the top of the file, where nothing is sticky). */
function cappedNote(capped: { shown: number; total: number }): DocumentSymbol {
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    name: `Outline cut to ${capped.shown.toLocaleString('en-US')} of ${capped.total.toLocaleString('en-US')} items`,
    detail: 'incident-docs: a larger outline slows the editor at every keystroke',
    kind: SymbolKind.String,
    range: top,
    selectionRange: top,
    children: [],
  };
}

function countItems(items: readonly OutlineItem[]): number {
  let n = 0;
  const pending = [...items];
  while (pending.length > 0) {
    const item = pending.pop()!;
    n++;
    for (const child of item.children) pending.push(child);
  }
  return n;
}

/** The first `max` items breadth first, in their tree: every level whole before the one below it, as far as it goes. */
function firstItems(items: readonly OutlineItem[], max: number): OutlineItem[] {
  const roots: OutlineItem[] = [];
  const queue: { item: OutlineItem; into: OutlineItem[] }[] = items.map((item) => ({ item, into: roots }));
  for (let i = 0; i < queue.length && i < max; i++) {
    const { item, into } = queue[i];
    // Field by field: an item may read its detail and spans on access (core/inventory/services.ts), which a spread would not copy.
    const copy: OutlineItem = { name: item.name, detail: item.detail, kind: item.kind, span: item.span, selectionSpan: item.selectionSpan, children: [] };
    into.push(copy);
    for (const child of item.children) queue.push({ item: child, into: copy.children });
  }
  return roots;
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

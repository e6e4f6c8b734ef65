import type { CodeLens } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';

/**
 * Above this many lenses in a document they are sent without titles, and the editor resolves the
 * ones it shows (VS Code: those on screen). A 5,000-entry inventory has 10,000 lenses: resolved,
 * each became a widget in the editor on every keystroke. A small document gets them whole, so a
 * client reading lenses as they arrive sees their titles at once.
 */
export const LAZY_LENSES_ABOVE = 200;

/**
 * What an unresolved lens carries: its document (a number standing for the URI: 10,000 copies of a
 * long URI were half of a large inventory's lenses) and which of the lenses on its line it is.
 */
type LensData = [document: number, k: number];

const documentIds = new Map<string, number>();
const documentUris: string[] = [];

function documentId(uri: string): number {
  let id = documentIds.get(uri);
  if (id === undefined) {
    id = documentUris.push(uri) - 1;
    documentIds.set(uri, id);
  }
  return id;
}

const computed = new WeakMap<DocumentAnalysis, { all: CodeLens[]; byLine: Map<number, CodeLens[]> }>();

/** Lenses from every document type; an informational lens gets an empty command id, which clients show as plain text. */
function resolvedLenses(result: DocumentAnalysis): { all: CodeLens[]; byLine: Map<number, CodeLens[]> } {
  let lenses = computed.get(result);
  if (!lenses) {
    const all: CodeLens[] = result.analysis.parsed.flatMap(({ model, codeLenses }) =>
      codeLenses(result.context).map((lens) => ({
        range: model.lines.rangeOf(lens.span),
        command: { title: lens.title, command: lens.command?.id ?? '', arguments: withUri(lens.command?.arguments, result.analysis.document.uri) },
      })),
    );
    const byLine = new Map<number, CodeLens[]>();
    for (const lens of all) byLine.set(lens.range.start.line, [...(byLine.get(lens.range.start.line) ?? []), lens]);
    lenses = { all, byLine };
    computed.set(result, lenses);
  }
  return lenses;
}

export function codeLenses(result: DocumentAnalysis): CodeLens[] {
  const { all } = resolvedLenses(result);
  const uri = result.analysis.document.uri;
  if (all.length <= LAZY_LENSES_ABOVE || !uri) return all;
  const id = documentId(uri);
  const onLine = new Map<number, number>();
  return all.map((lens) => {
    const line = lens.range.start.line;
    const k = onLine.get(line) ?? 0;
    onLine.set(line, k + 1);
    const data: LensData = [id, k];
    return { range: lens.range, data };
  });
}

/** The URI an unresolved lens belongs to, if it is one of ours. */
export function lensUri(lens: CodeLens): string | undefined {
  const data = lens.data as unknown;
  if (!Array.isArray(data) || data.length !== 2 || typeof data[0] !== 'number' || typeof data[1] !== 'number') return undefined;
  return documentUris[data[0]];
}

/**
 * The lens's title from the document's current analysis. An edit since the lenses were sent may
 * have moved it; the editor asks for lenses again after an edit, so a stale one is short-lived.
 */
export function resolveCodeLens(lens: CodeLens, result: DocumentAnalysis): CodeLens {
  const [, k] = lens.data as LensData;
  const match = resolvedLenses(result).byLine.get(lens.range.start.line)?.[k];
  return { range: lens.range, command: match?.command ?? { title: '', command: '' } };
}

/** Core lenses do not know the document's URI; a command that acts on the document needs it. */
function withUri(args: unknown[] | undefined, uri: string | undefined): unknown[] | undefined {
  if (!args || !uri) return args;
  return args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? { uri, ...a } : a));
}

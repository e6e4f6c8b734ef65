import type { CodeLens, Command, Range } from 'vscode-languageserver/node';
import type { CodeLensesNearResult, LineSpan } from '../../../contract/src/requests';
import type { LensInfo } from '../core/editorServices';
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

interface Placed {
  range: Range;
  lens: LensInfo;
}

const computed = new WeakMap<DocumentAnalysis, { all: Placed[]; byLine: Map<number, Placed[]> }>();

/** Every document type's lenses, placed; once per analysis (resolving asks for them lens by lens). */
function placedLenses(result: DocumentAnalysis): { all: Placed[]; byLine: Map<number, Placed[]> } {
  let lenses = computed.get(result);
  if (!lenses) {
    const all: Placed[] = result.analysis.parsed.flatMap(({ model, codeLenses }) =>
      codeLenses(result.context).map((lens) => ({ range: model.lines.rangeOf(lens.span), lens })),
    );
    const byLine = new Map<number, Placed[]>();
    for (const placed of all) {
      const line = placed.range.start.line;
      const onLine = byLine.get(line);
      if (onLine) onLine.push(placed);
      else byLine.set(line, [placed]);
    }
    lenses = { all, byLine };
    computed.set(result, lenses);
  }
  return lenses;
}

/** An informational lens gets an empty command id, which clients show as plain text. */
function toCommand(lens: LensInfo, uri: string | undefined): Command {
  return { title: lens.title, command: lens.command?.id ?? '', arguments: withUri(lens.command?.arguments, uri) };
}

export function codeLenses(result: DocumentAnalysis): CodeLens[] {
  const { all } = placedLenses(result);
  const uri = result.analysis.document.uri;
  if (all.length <= LAZY_LENSES_ABOVE || !uri) return all.map(({ range, lens }) => ({ range, command: toCommand(lens, uri) }));
  const id = documentId(uri);
  const onLine = new Map<number, number>();
  return all.map(({ range }) => {
    const k = onLine.get(range.start.line) ?? 0;
    onLine.set(range.start.line, k + 1);
    const data: LensData = [id, k];
    return { range, data };
  });
}

/** Spans a request may name: an editor's view and its margin each; more is not a view. */
const MAX_SPANS = 16;

/**
 * The lenses that start on the given lines (as codeLenses gives them), and how many the document
 * has; all of them when they are no more than `allUpTo`. Those on `visible` lines come resolved.
 */
export function codeLensesNear(result: DocumentAnalysis, lines: readonly LineSpan[], allUpTo = 0, visible: readonly LineSpan[] = []): CodeLensesNearResult {
  const all = codeLenses(result);
  const within = (spans: readonly LineSpan[]) => {
    const kept = spans.slice(0, MAX_SPANS);
    return (line: number) => kept.some((s) => line >= s.start && line <= s.end);
  };
  const shown = within(visible);
  const resolved = (lens: CodeLens) => (lens.command || !shown(lens.range.start.line) ? lens : resolveCodeLens(lens, result));
  if (all.length <= allUpTo) return { lenses: all.map(resolved), total: all.length };
  const near = within(lines);
  return { lenses: all.filter((lens) => near(lens.range.start.line)).map(resolved), total: all.length };
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
  const match = placedLenses(result).byLine.get(lens.range.start.line)?.[k];
  return { range: lens.range, command: match ? toCommand(match.lens, result.analysis.document.uri) : { title: '', command: '' } };
}

/** Core lenses do not know the document's URI; a command that acts on the document needs it. */
function withUri(args: unknown[] | undefined, uri: string | undefined): unknown[] | undefined {
  if (!args || !uri) return args;
  return args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? { uri, ...a } : a));
}

/**
 * A large inventory's first entries as a model of their own, parsed before the whole document is:
 * the editor shows the top of a file it opens, and a 5,000-entry inventory's parse takes seconds
 * there. The entry-scoped rules (`scope: 'entry'`) say about these entries what they say in the
 * whole document, so their findings here can be shown first (core/preview.ts).
 *
 * The model is parsed from the text before the cut (an item's first line) followed by what comes
 * after the list (`defaults:` may follow it): the lines before the cut are the whole text's, at the
 * same offsets. Anything that could make the part read differently from the whole (a parse error
 * or an alias after the cut, another number of items) gives no preview.
 */
import { visit, type Document } from 'yaml';
import type { Config } from '../config';
import { tooDeep } from '../limits';
import type { SourceDocument } from '../types';
import { listLines, parseByEntries } from './chunked';
import { certModelFrom, isTemplated, restrictToLines, type CertModel } from './model';
import { parseYaml } from './yaml';

/** Smaller documents parse whole quickly enough. */
const PREVIEW_ABOVE_BYTES = 200_000;
/** The preview ends at the first entry starting on or after this line: an editor's view and the code lens margin around it. */
const PREVIEW_LINES = 400;
/**
 * What the preview parses at most, in one step of the server (its parse of the whole goes in
 * slices): long lines make the cut come sooner, a long text after the list gives no preview.
 */
const MAX_PREVIEW_BYTES = 100_000;

export interface CertModelPreview {
  /** The entries before `throughLine`, with the whole document's defaults and directives before that line. */
  model: CertModel;
  /** The first line after the preview: positions before it are the whole document's. */
  throughLine: number;
}

export function previewCertModel(document: SourceDocument, config: Config): CertModelPreview | undefined {
  const text = document.text;
  if (text.length < PREVIEW_ABOVE_BYTES) return undefined;
  const list = listLines(text);
  if (!list) return undefined;
  const tail = text.length - list.end;
  const cutItem = firstItemFrom(text, list.items, PREVIEW_LINES, MAX_PREVIEW_BYTES - tail);
  if (!cutItem) return undefined;
  const cut = list.items[cutItem];
  const partText = text.slice(0, cut) + text.slice(list.end);
  if (tooDeep('inventory', partText)) return undefined;
  // By entries, as the whole's first parse: one piece's syntax tree outlived the young generation
  // and left the server's heap 10 MB larger (P5).
  const yaml = parseByEntries(partText) ?? parseYaml(partText);
  const problems = yaml.documents.flatMap((d) => [...d.errors, ...d.warnings]);
  if (problems.some((p) => p.pos[0] >= cut) || yaml.syntaxErrors.some((e) => e.span.end > cut)) return undefined;
  // An alias after the list may name an anchor among the entries left out: `defaults: *shared`.
  if (yaml.documents.some((d) => hasAliasFrom(d, cut))) return undefined;
  const model = certModelFrom({ ...document, text: partText }, config, yaml);
  if (model.kind !== 'inventory' || model.inventory?.entries.length !== cutItem) return undefined;
  const throughLine = model.lines.positionAt(cut).line;
  // Directives after the cut sit on other lines here, but none of them reaches back before it.
  return { model: restrictToLines({ ...model, templated: isTemplated(text) }, 0, throughLine), throughLine };
}

function hasAliasFrom(document: Document.Parsed, offset: number): boolean {
  let found = false;
  visit(document, {
    Alias: (_key, node) => {
      if ((node.range?.[0] ?? offset) < offset) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Where the preview ends: the first item that starts on or after `line`, or the last one that
 * starts within `maxBytes`, whichever comes first; undefined when that leaves the whole list.
 */
function firstItemFrom(text: string, items: readonly number[], line: number, maxBytes: number): number | undefined {
  let at = 0;
  let lineOfAt = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i] > maxBytes) return i > 0 ? i - 1 : undefined;
    for (let nl = text.indexOf('\n', at); nl >= 0 && nl < items[i]; nl = text.indexOf('\n', nl + 1)) lineOfAt++;
    at = items[i];
    if (lineOfAt >= line) return i;
  }
  return undefined;
}

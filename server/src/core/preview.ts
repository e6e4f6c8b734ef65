/**
 * What a large document's first lines hold, found before the whole document is parsed: an editor
 * opens a file at its top, and a 5,000-entry inventory's parse and lint take seconds there. The
 * rules with `scope: 'entry'` run on the document type's preview (its first entries, see
 * DocumentTypeDefinition.preview); each finding they report before the preview's end, the whole
 * document's lint reports too, at the same place. The lint of the whole document follows.
 */
import type { Config } from './config';
import { documentTypes } from './documentTypes';
import type { ParsedDocument } from './documentTypes/definition';
import { compareFindings, isCheckable, runRule, type LintOptions } from './lint';
import type { RuleContext } from './rule';
import { INTERNAL_ERROR_RULE } from './ruleReference';
import { drain } from './steps';
import { applySuppressions } from './suppress';
import type { Finding, Range, SourceDocument } from './types';

export interface Preview {
  /** The first lines' model, for editor services that need no more (the code lenses there). */
  parsed: ParsedDocument;
  findings: Finding[];
  /** The first line the preview did not check. */
  throughLine: number;
}

export function previewFindings(document: SourceDocument, config: Config, options: LintOptions = {}): Preview | undefined {
  if (!config.enable || !isCheckable(document, config)) return undefined;
  const context: RuleContext = { config, now: options.now ?? new Date(), document, live: options.live };
  for (const type of documentTypes.filter((t) => t.matches(document, config))) {
    let part: ReturnType<typeof type.preview>;
    try {
      part = type.preview(document, config);
    } catch {
      // A preview is an early look, never a finding of its own: the whole parse reports what is wrong.
      return undefined;
    }
    if (!part) continue;
    const { parsed, throughLine } = part;
    const found: Finding[] = [];
    for (const { rule, check } of parsed.rules) {
      if (rule.scope === 'entry') drain(runRule(rule, parsed.model.lines, context, found, (report) => check(report, context)));
    }
    const within = (range: Range) => range.end.line < throughLine || (range.end.line === throughLine && range.end.character === 0);
    // A rule that failed says so in the whole lint; a place after the cut is not the whole text's.
    const kept = found.filter(
      (f) =>
        f.rule !== INTERNAL_ERROR_RULE &&
        within(f.range) &&
        (f.fixes ?? []).every((fix) => fix.edits.every((e) => within(e.range))) &&
        (f.related ?? []).every((r) => r.uri !== undefined || within(r.range)),
    );
    return { parsed, findings: applySuppressions(kept, parsed.model.directives).sort(compareFindings), throughLine };
  }
  return undefined;
}

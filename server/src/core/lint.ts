import type { Config } from './config';
import type { DocumentType, ParsedDocument } from './documentTypes/definition';
import type { CertWorkspace } from './inventory/workspaceFacts';
import type { LiveObservations } from './live/observations';
import { documentTypes } from './documentTypes';
import { byteLength, isStackOverflow, tooDeep } from './limits';
import type { Report, ReportSpec, Rule, RuleContext } from './rule';
import { INTERNAL_ERROR_RULE, TOO_LARGE_RULE } from './ruleReference';
import { inLines, reuse } from './findingReuse';
import { drain, maybeSteps, type Steps } from './steps';
import { applySuppressions } from './suppress';
import type { LineEdit, LineIndex } from './text';
import type { DocumentKind, Finding, Fix, Severity, SourceDocument } from './types';

type FixSpec = NonNullable<ReportSpec['fixes']>[number];

export interface LintOptions {
  /** Reference time for expiry rules; defaults to the clock. Tests and `--now` pass it. */
  now?: Date;
  /** Force a kind (the CLI's `--kind postmortem`), bypassing detection. */
  kind?: DocumentKind;
  /** Results of live probes, for the cert/live-* rules. */
  live?: LiveObservations;
  /** The other files' Certificates and entries, for the cross-file cert/* rules (see RuleContext.workspace). */
  workspace?: CertWorkspace;
}

/** A document parsed once: the models its rules and the editor services run on. */
export interface Analysis {
  document: SourceDocument;
  config: Config;
  parsed: ParsedDocument[];
  /** Findings about the document as a whole (too large, parser failure). */
  documentFindings: Finding[];
  /** Set when parsed from the previous version's analysis with entries replaced one for one. */
  edit?: LineEdit;
}

/** Each rule's findings before suppressions, and what they were computed under: a later version may reuse them. */
export interface RuleFindings {
  byRule: Map<string, Finding[]>;
  config: Config;
  now: number;
  live?: LiveObservations;
}

/** The one finding for a document whose lint was stopped by a time budget (the server's). */
export function overBudgetFinding(seconds: number): Finding {
  return documentFinding(TOO_LARGE_RULE, `Not fully checked: the lint took longer than ${seconds} s, so findings may be missing. Splitting the document helps.`);
}

/** The one entry point: the CLI and the language server both call this. */
export function lint(document: SourceDocument, config: Config, options: LintOptions = {}): Finding[] {
  return lintAnalysis(analyze(document, config, options), options);
}

/**
 * Detects the document's kinds and parses it into their models, once. With the previous
 * version's analysis (the editor's), a document type may re-parse only what changed; the
 * previous analysis is then used up (its model may have been updated in place).
 */
export function analyze(document: SourceDocument, config: Config, options: LintOptions = {}, previous?: Analysis): Analysis {
  return drain(analyzeSteps(document, config, options, previous));
}

/** analyze() in steps (see steps.ts): a large document's parse yields between its pieces. */
export function* analyzeSteps(document: SourceDocument, config: Config, options: LintOptions = {}, previous?: Analysis): Steps<Analysis> {
  const analysis: Analysis = { document, config, parsed: [], documentFindings: [] };
  if (!config.enable) return analysis;
  const candidates = options.kind ? typesForKind(options.kind) : documentTypes.filter((t) => t.matches(document, config));
  if (candidates.length === 0) return analysis;
  if (!isCheckable(document, config)) {
    // Markdown that is no post-mortem says nothing, however large.
    if (!options.kind && !candidates.some((t) => t.mayApply(document, config))) return analysis;
    analysis.documentFindings.push(
      documentFinding(TOO_LARGE_RULE, `Not checked: the file is larger than maxFileSizeBytes (${config.maxFileSizeBytes} bytes).`),
    );
    return analysis;
  }
  // Each scan of the whole text is a step of its own: on a large document it takes a while.
  yield;
  if (previous && (yield* reparse(analysis, candidates, previous))) return analysis;
  for (const type of candidates) {
    // Deep nesting makes the parsers superlinear and can overflow the stack: one finding instead.
    const deep = tooDeep(type.kind, document.text);
    if (deep) {
      analysis.documentFindings.push(documentFinding(TOO_LARGE_RULE, deep));
      continue;
    }
    yield;
    try {
      const parsed = yield* type.parseSteps(document, config, options.kind !== undefined);
      if (parsed.model.applies || options.kind) analysis.parsed.push(parsed);
    } catch (e) {
      analysis.documentFindings.push(internalError(`could not parse the document as ${type.kind}`, e));
    }
  }
  return analysis;
}

/** Re-parses from the previous analysis when it had one model of the one candidate type; false to parse whole. */
function* reparse(analysis: Analysis, candidates: DocumentType[], previous: Analysis): Steps<boolean> {
  if (previous.config !== analysis.config || previous.parsed.length !== 1 || previous.documentFindings.length > 0) return false;
  const [parsed] = previous.parsed;
  if (candidates.length !== 1 || candidates[0] !== parsed.type) return false;
  let result: ReturnType<ParsedDocument['reparse']>;
  try {
    result = yield* parsed.reparseSteps(analysis.document, analysis.config);
  } catch {
    return false;
  }
  if (!result || !result.parsed.model.applies) return false;
  analysis.parsed.push(result.parsed);
  analysis.edit = result.edit;
  return true;
}

/** Runs every enabled rule over the parsed models, applying config levels and suppressions. */
export function lintAnalysis(analysis: Analysis, options: LintOptions = {}): Finding[] {
  return lintAnalysisReusing(analysis, options).findings;
}

/**
 * lintAnalysis, reusing the previous version's findings of `scope: 'entry'` rules outside the
 * lines an incremental parse re-read (when config and live results are the same, and "now" too
 * for the rules that read the clock).
 */
export function lintAnalysisReusing(
  analysis: Analysis,
  options: LintOptions = {},
  previous?: RuleFindings,
): { findings: Finding[]; ruleFindings: RuleFindings } {
  return drain(lintSteps(analysis, options, previous));
}

/** The findings of the rules that have run so far, suppressions applied: what a stopped lint can still report. */
export interface LintProgress {
  findingsSoFar(): Finding[];
}

/**
 * lintAnalysisReusing() in steps: a step per rule, and more within a rule written in steps.
 * `progress` gets what a caller that stops early can report (the findings of the rules that ran to
 * their end), and the id of the rule running (for a profile of the steps; undefined between rules).
 */
export function* lintSteps(
  analysis: Analysis,
  options: LintOptions = {},
  previous?: RuleFindings,
  progress?: { current?: LintProgress; rule?: string },
): Steps<{ findings: Finding[]; ruleFindings: RuleFindings }> {
  const now = options.now ?? new Date();
  const context: RuleContext = { config: analysis.config, now, document: analysis.document, live: options.live, workspace: options.workspace };
  const ruleFindings: RuleFindings = { byRule: new Map(), config: analysis.config, now: now.getTime(), live: options.live };
  const edit = analysis.edit;
  const reusable = edit && previous && previous.config === analysis.config && previous.live === options.live;
  // A later "now" changes only what the rules that read the clock find.
  const sameNow = previous?.now === now.getTime();
  const findings = [...analysis.documentFindings];
  for (const { model, rules } of analysis.parsed) {
    const own: Finding[] = [];
    if (progress) progress.current = { findingsSoFar: () => [...findings, ...applySuppressions([...own], model.directives)].sort(compareFindings) };
    for (const { rule, check, checkEdited } of rules) {
      yield;
      if (progress) progress.rule = rule.id;
      const kept = reusable && rule.scope === 'entry' && (sameNow || !rule.clock) && checkEdited ? reuse(previous.byRule.get(rule.id), edit) : undefined;
      const out: Finding[] = [];
      if (kept && edit && checkEdited) {
        yield* runRule(rule, model.lines, context, out, (report) => checkEdited(edit, report, context));
        const fresh = out.filter((f) => inLines(f.range, edit.fromLine, edit.newEndLine));
        out.length = 0;
        append(out, kept);
        append(out, fresh);
      } else {
        yield* runRule(rule, model.lines, context, out, (report) => check(report, context));
      }
      ruleFindings.byRule.set(rule.id, out);
      append(own, out);
    }
    if (progress) progress.rule = undefined;
    append(findings, applySuppressions(own, model.directives));
  }
  return { findings: findings.sort(compareFindings), ruleFindings };
}

/** The kinds the document was checked as (a YAML file may be an inventory or hold cert-manager resources). */
export function kindsOf(analysis: Analysis): DocumentKind[] {
  return analysis.parsed.map((p) => p.model.kind);
}

/** The document types that can check a document of this kind (for a forced `--kind`). */
export function typesForKind(kind: DocumentKind): DocumentType[] {
  return documentTypes.filter((t) => t.kinds.includes(kind));
}

function ruleLevel(rule: Rule<never>, config: Config): Severity | 'off' {
  return config.rules[rule.id] ?? (rule.offByDefault ? 'off' : rule.defaultSeverity);
}

/**
 * Runs one rule through `check` (bound to the model, or to the part of it an edit re-parsed),
 * collecting its findings in `out`; a rule written in steps yields between them.
 */
export function* runRule(rule: Rule<never>, lines: LineIndex, context: RuleContext, out: Finding[], check: (report: Report) => void | Steps<void>): Steps<void> {
  const level = ruleLevel(rule, context.config);
  if (level === 'off') return;
  // One fix shared by many findings (delete all empty rows) is converted once: per finding it was
  // quadratic, seconds and hundreds of MB for a table of a few thousand empty rows.
  const converted = new WeakMap<FixSpec, Fix>();
  const convert = (fix: FixSpec): Fix => {
    let out = converted.get(fix);
    if (!out) {
      out = { title: fix.title, preferred: fix.preferred, ...(fix.safe ? { safe: true } : {}), edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })) };
      converted.set(fix, out);
    }
    return out;
  };
  const report = (spec: ReportSpec) => {
    // A level set in config wins over a rule's own per-finding severity.
    const severity = context.config.rules[rule.id] ?? spec.severity ?? level;
    if (severity === 'off') return;
    out.push({
      rule: rule.id,
      severity,
      message: spec.message,
      range: lines.rangeOf(spec.span),
      fixes: spec.fixes?.map(convert),
      related: spec.related?.map((r) => ({ uri: r.uri, ...(r.path !== undefined ? { path: r.path } : {}), range: r.range ?? lines.rangeOf(r.span), message: r.message })),
      data: spec.data,
    });
  };
  try {
    yield* maybeSteps(check(report));
  } catch (e) {
    out.push(internalError(`rule ${rule.id} failed`, e));
  }
}

/** push(...items) without one argument per item (a rule may report tens of thousands of rows). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

export function isCheckable(document: SourceDocument, config: Config): boolean {
  return !(document.truncated || document.text.length > config.maxFileSizeBytes || byteLength(document.text) > config.maxFileSizeBytes);
}

function documentFinding(rule: string, message: string): Finding {
  return { rule, severity: 'info', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

function internalError(what: string, e: unknown): Finding {
  if (isStackOverflow(e)) return documentFinding(TOO_LARGE_RULE, `Not checked: the document nests too deeply to check (${what}).`);
  return documentFinding(
    INTERNAL_ERROR_RULE,
    `incident-docs: ${what}: ${(e as Error)?.message ?? String(e)}. Please report this with the document.`,
  );
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}

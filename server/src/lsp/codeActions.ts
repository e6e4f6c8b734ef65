import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { SERVER_COMMANDS } from '../../../contract/src/commandIds';
import { fixAllSteps } from '../core/fix/fixAll';
import type { Steps } from '../core/steps';
import { suppressionEdits } from '../core/suppressionFix';
import { LineIndex } from '../core/text';
import type { Finding, Fix, TextEdit } from '../core/types';
import type { DocumentAnalysis } from './analyses';
import type { ClientFeatures } from './clientFeatures';
import { isOurDiagnostic, rangesTouch, readDiagnosticData, sameRange, toDiagnostic } from './convert';

/**
 * Every safe fix of the document as one edit, the same `lint --fix` applies: what VS Code's
 * `editor.codeActionsOnSave: { "source.fixAll.incidentDocs": "explicit" }` (or `source.fixAll`)
 * and any editor asking for `source.fixAll` get.
 */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.incidentDocs`;

/** The kinds of code action the server offers, for its capabilities. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** Runs work in slices, as analyses do (AnalysisCache.runInSlices); undefined when it was stopped. */
export type SliceRunner = <T>(steps: Steps<T>) => Promise<T | undefined>;

/**
 * Quick fixes from the fixes that travel with findings, then for each finding "Disable incident-docs
 * rule X for this line" (a comment in the document's own syntax) and "Show documentation for X";
 * and, when asked for by kind, the fix-all source action (its lint passes run in slices through `run`).
 */
export async function codeActions(
  params: CodeActionParams,
  result: DocumentAnalysis,
  features: ClientFeatures,
  run: SliceRunner,
): Promise<CodeAction[]> {
  if (!features.codeActions.literals) return [];
  const only = params.context?.only;
  const actions = wants(only, CodeActionKind.QuickFix) ? quickFixes(params, result, features) : [];
  // Only on request by kind (save, "Source Action…", a key binding): never in the light bulb.
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = await fixAllAction(params.textDocument.uri, result, features, run);
    if (all) actions.push(all);
  }
  return actions;
}

async function fixAllAction(uri: string, result: DocumentAnalysis, features: ClientFeatures, run: SliceRunner): Promise<CodeAction | undefined> {
  const { analysis, now, live } = result;
  const fixed = await run(fixAllSteps(analysis.document, analysis.config, { now, live }, { initial: { analysis, findings: result.findings } }));
  if (!fixed || fixed.changes.length === 0) return undefined;
  const lines = new LineIndex(fixed.original);
  const edits: TextEdit[] = fixed.changes.map((c) => ({ range: lines.rangeOf(c), newText: c.newText }));
  return {
    title: `Fix all safe problems (${fixed.applied.length} ${fixed.applied.length === 1 ? 'fix' : 'fixes'})`,
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(edits, uri, result.version, features.documentChanges),
  };
}

/**
 * A finding is found from the diagnostics the client sends back (by `data`, else by rule and
 * range), and findings in the requested range are offered too, for clients that send no
 * diagnostics in the context.
 */
function quickFixes(params: CodeActionParams, result: DocumentAnalysis, features: ClientFeatures): CodeAction[] {
  const uri = params.textDocument.uri;
  const findings = result.findings;
  const matched = new Map<Finding, Diagnostic>();
  for (const diagnostic of params.context?.diagnostics ?? []) {
    if (!isOurDiagnostic(diagnostic)) continue;
    const finding = findFinding(diagnostic, findings, result.version);
    if (finding && !matched.has(finding)) matched.set(finding, withoutRelated(diagnostic));
  }
  findings.forEach((finding, index) => {
    if (!matched.has(finding) && rangesTouch(finding.range, params.range)) {
      matched.set(finding, withoutRelated(toDiagnostic(finding, uri, { version: result.version, index }, features.diagnostics)));
    }
  });

  // One fix may be attached to several findings (one "delete the empty rows" per row): offer it once.
  const actions = new Map<string, CodeAction>();
  for (const [finding, diagnostic] of matched) {
    for (const fix of finding.fixes ?? []) {
      const key = JSON.stringify([fix.title, fix.edits]);
      const existing = actions.get(key);
      if (existing) existing.diagnostics?.push(diagnostic);
      else actions.set(key, toCodeAction(fix, diagnostic, uri, result.version, features));
    }
  }
  // Then, as ESLint and markdownlint offer them: silence the rule on this line, read about it.
  const silence = new Map<string, CodeAction>();
  const docs = new Map<string, CodeAction>();
  for (const [finding, diagnostic] of matched) {
    const line = finding.range.start.line;
    const key = `${finding.rule} ${line}`;
    const existing = silence.get(key);
    if (existing) existing.diagnostics?.push(diagnostic);
    else {
      const edits = suppressionEdits(result.analysis, finding);
      if (edits) {
        silence.set(key, {
          title: `Disable incident-docs rule ${finding.rule} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(edits, uri, result.version, features.documentChanges),
        });
      }
    }
    if (!features.showDocument) continue;
    const known = docs.get(finding.rule);
    if (known) known.diagnostics?.push(diagnostic);
    else {
      const title = `Show documentation for ${finding.rule}`;
      docs.set(finding.rule, { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SERVER_COMMANDS.showRuleDocumentation, arguments: [finding.rule] } });
    }
  }
  return [...actions.values(), ...silence.values(), ...docs.values()];
}

/**
 * The diagnostic an action names, without its related information: clients tie an action to its
 * problem by rule, range, message and severity (VS Code's marker key), and a grouped finding lists
 * up to 200 places there (53 KB in a 5,000-entry inventory), which every action of every code
 * action request carried back, about twice per keystroke on a line with a problem.
 */
function withoutRelated(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.relatedInformation === undefined) return diagnostic;
  const { relatedInformation: _related, ...rest } = diagnostic;
  return rest;
}

function wants(only: string[] | undefined, kind: string): boolean {
  // A requested kind matches itself and the kinds below it ("" matches all).
  return !only || only.some((k) => k === CodeActionKind.Empty || k === kind || kind.startsWith(`${k}.`));
}

function findFinding(diagnostic: Diagnostic, findings: Finding[], version: number): Finding | undefined {
  const data = readDiagnosticData(diagnostic);
  const byIndex = data?.version === version ? findings[data.index] : undefined;
  if (byIndex && byIndex.rule === diagnostic.code && sameRange(byIndex.range, diagnostic.range)) return byIndex;
  return findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
}

function toCodeAction(fix: Fix, diagnostic: Diagnostic, uri: string, version: number, features: ClientFeatures): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(fix.edits, uri, version, features.documentChanges),
  };
  if (features.codeActions.preferred && fix.preferred) action.isPreferred = true;
  return action;
}

/** Versioned when the client can check it: edits computed for an older text must not apply to a newer one. */
function workspaceEdit(textEdits: TextEdit[], uri: string, version: number, documentChanges: boolean): WorkspaceEdit {
  const edits = textEdits.map((e) => ({ range: e.range, newText: e.newText }));
  return documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

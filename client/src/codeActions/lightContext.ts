/**
 * Code action requests without the problems' related information. VS Code asks for code actions
 * about twice per keystroke, sending every problem under the cursor; a grouped finding lists up to
 * 200 places in related information (53 KB in a 5,000-entry inventory), which the server never
 * reads: it finds a problem's finding by `data`, or by rule and range (server/src/lsp/codeActions.ts).
 * Pure: no `vscode` at run time (test/client tests it).
 */
import type { CodeActionContext, Diagnostic } from 'vscode';

/**
 * The context with each problem that has related information copied without it. A copy keeps the
 * problem's class and own fields: vscode-languageclient sends `data` only for a diagnostic of its
 * own subclass (ProtocolDiagnostic), and the problem itself stays as VS Code holds it.
 */
export function withoutRelatedInformation<C extends Pick<CodeActionContext, 'diagnostics'>>(context: C): C {
  if (!context.diagnostics.some((d) => d.relatedInformation !== undefined)) return context;
  return { ...context, diagnostics: context.diagnostics.map(dropRelated) };
}

function dropRelated(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.relatedInformation === undefined) return diagnostic;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(diagnostic) as object) as Diagnostic, diagnostic);
  copy.relatedInformation = undefined;
  return copy;
}

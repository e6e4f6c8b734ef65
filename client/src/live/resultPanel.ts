import { randomBytes } from 'node:crypto';
import { env, ViewColumn, window, type WebviewPanel } from 'vscode';
import type { ProbeOutcome } from '../../../contract/src/probeOutcome';
import { renderProbeHtml } from './probeHtml';

export interface ShownResult {
  target: string;
  outcome: ProbeOutcome;
  warnDays: number;
  /** Runs the same check again ("Check again" in the panel). */
  again: () => void;
}

let panel: WebviewPanel | undefined;
let shown: ShownResult | undefined;

/**
 * Beside the editor only where there is room for it already: in another editor group when the
 * user has split the editor. Otherwise a tab of the active group, as a preview opens: a new split
 * would squeeze the document being edited to half its width.
 */
function placement(): { column: ViewColumn; preserveFocus: boolean } {
  const active = window.tabGroups.activeTabGroup;
  const other = window.tabGroups.all.find((g) => g !== active);
  return other ? { column: other.viewColumn, preserveFocus: true } : { column: ViewColumn.Active, preserveFocus: false };
}

/** One panel for live results, reused: the latest check replaces the previous one, where it is. */
export function showProbeResult(result: ShownResult): void {
  shown = result;
  const place = placement();
  if (!panel) {
    // Scripts only for the copy and check-again buttons; no local or remote resources at all.
    panel = window.createWebviewPanel('incidentDocs.liveCertificate', title(result), { viewColumn: place.column, preserveFocus: place.preserveFocus }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (message: { type?: string; text?: unknown }) => {
      if (message?.type === 'copy' && typeof message.text === 'string') {
        await env.clipboard.writeText(message.text);
        window.setStatusBarMessage('Fingerprint copied', 2000);
      } else if (message?.type === 'again') {
        shown?.again();
      }
    });
  }
  panel.title = title(result);
  panel.webview.html = renderProbeHtml(result.outcome, {
    nonce: randomBytes(16).toString('base64'),
    cspSource: panel.webview.cspSource,
    target: result.target,
    warnDays: result.warnDays,
    now: new Date(),
  });
  panel.reveal(panel.viewColumn ?? place.column, place.preserveFocus);
}

function title(result: ShownResult): string {
  return `Live: ${result.target}`;
}

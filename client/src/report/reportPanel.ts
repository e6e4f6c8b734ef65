import { ProgressLocation, Uri, ViewColumn, window, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IncidentReportRequest, type IncidentReport } from '../../../contract/src/requests';
import { fileToOpen } from './reportMessage';

let panel: WebviewPanel | undefined;
let shown: IncidentReport | undefined;

/**
 * Incident Docs: Open Incident Report. The server reads the workspace's post-mortems and builds
 * the page (the CLI's index.html: charts drawn as SVG, a strict Content-Security-Policy); this
 * shows it in one reused webview, whose links open the post-mortems.
 */
export async function openIncidentReport(client: LanguageClient): Promise<void> {
  const report = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'Incident Docs: building the incident report', cancellable: true },
    (_, token) => client.sendRequest(IncidentReportRequest, {}, token).catch((e: unknown) => (token.isCancellationRequested ? undefined : Promise.reject(e))),
  );
  if (!report) return;
  shown = report;
  if (!panel) {
    // Scripts for sorting the table and opening files; no local or remote resources at all.
    panel = window.createWebviewPanel('incidentDocs.incidentReport', 'Incident Report', ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => (panel = shown = undefined));
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      const uri = shown && fileToOpen(message, shown.files);
      if (uri) await window.showTextDocument(Uri.parse(uri), { viewColumn: ViewColumn.Beside, preview: true });
    });
  }
  panel.webview.html = report.html;
  panel.reveal();
  if (report.errors.length > 0) {
    window.showWarningMessage(`Incident report: ${report.errors.length} file${report.errors.length === 1 ? '' : 's'} could not be read and ${report.errors.length === 1 ? 'is' : 'are'} left out.`);
  }
}

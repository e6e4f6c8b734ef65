import { commands, languages, ProgressLocation, Uri, window, workspace, type DiagnosticCollection, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LintFilesRequest } from '../../../contract/src/requests';
import { batches } from '../workspace/batches';
import { MARKDOWN_AND_YAML } from '../workspace/fileGlobs';
import { findWorkspaceFiles } from '../workspace/findFiles';

/** Files per request: progress moves, and a cancel stops within one batch. */
const BATCH_SIZE = 25;
const SYNCED_LANGUAGES = new Set(['markdown', 'yaml']);

/**
 * Lints every post-mortem and inventory of the workspace without opening editors; findings go
 * to the Problems panel through a DiagnosticCollection. Open documents are left to the language
 * server, which already publishes theirs (no duplicates); opening a scanned file hands it over too.
 */
export class WorkspaceScanner implements Disposable {
  private readonly collection: DiagnosticCollection = languages.createDiagnosticCollection('incident-docs-scan');
  private readonly disposables: Disposable[] = [
    this.collection,
    workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)),
    workspace.onDidDeleteFiles((e) => e.files.forEach((f) => this.collection.delete(f))),
  ];

  constructor(private readonly client: LanguageClient) {}

  async scan(): Promise<void> {
    const summary = await window.withProgress(
      { location: ProgressLocation.Notification, title: 'Incident Docs: scanning the workspace', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'finding files…' });
        const files = await findWorkspaceFiles(MARKDOWN_AND_YAML, token);
        const open = new Set(workspace.textDocuments.filter((d) => SYNCED_LANGUAGES.has(d.languageId)).map((d) => d.uri.toString()));
        const uris = files.map((f) => f.toString()).filter((u) => !open.has(u)).sort();
        this.collection.clear();
        const counts = { files: 0, postmortems: 0, inventories: 0, problems: 0, unreadable: 0 };
        const parts = batches(uris, BATCH_SIZE);
        for (const [i, batch] of parts.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${Math.min((i + 1) * BATCH_SIZE, uris.length)} of ${uris.length} files`, increment: 100 / parts.length });
          const result = await this.client.sendRequest(LintFilesRequest, { uris: batch }, token).catch(() => undefined);
          if (!result) break;
          for (const file of result.files) {
            const diagnostics = await this.client.protocol2CodeConverter.asDiagnostics(file.diagnostics);
            this.collection.set(Uri.parse(file.uri), diagnostics);
            counts.files++;
            if (file.kinds.includes('postmortem')) counts.postmortems++;
            if (file.kinds.includes('inventory')) counts.inventories++;
            counts.problems += diagnostics.length;
          }
          counts.unreadable += result.errors.length;
        }
        return { ...counts, cancelled: token.isCancellationRequested, openSkipped: open.size };
      },
    );
    const what = `${summary.postmortems} post-mortem${summary.postmortems === 1 ? '' : 's'}, ${summary.inventories} inventor${summary.inventories === 1 ? 'y' : 'ies'}`;
    const unreadable = summary.unreadable ? `; ${summary.unreadable} could not be read` : '';
    const message = `${summary.cancelled ? 'Scan cancelled after' : 'Scanned'} ${what}: ${summary.problems} problem${summary.problems === 1 ? '' : 's'}${unreadable}.`;
    const show = 'Show Problems';
    if ((await window.showInformationMessage(message, show)) === show) await commands.executeCommand('workbench.actions.view.problems');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

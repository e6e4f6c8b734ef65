import { commands, languages, ProgressLocation, Uri, window, workspace, type DiagnosticCollection, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LintFilesRequest } from '../../../contract/src/requests';
import { batches } from '../workspace/batches';
import { MARKDOWN_AND_YAML } from '../workspace/fileGlobs';
import { findWorkspaceFiles } from '../workspace/findFiles';

/** At most this many files per request: progress moves, and a cancel stops within one batch. */
const MAX_BATCH = 25;
/** About this many progress steps, whatever the number of files (one file a step for a few files). */
const STEPS = 50;
const SYNCED_LANGUAGES = new Set(['markdown', 'yaml']);

/**
 * Lints every post-mortem and inventory of the workspace without opening editors; findings go
 * to the Problems panel through a DiagnosticCollection. Open documents are checked too (the server
 * reads them as the editor holds them) and counted, but their findings are left to the language
 * server, which already publishes them (no duplicates); opening a scanned file hands it over too.
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
        const uris = (await findWorkspaceFiles(MARKDOWN_AND_YAML, token)).map((f) => f.toString()).sort();
        this.collection.clear();
        const counts = { files: 0, postmortems: 0, inventories: 0, problems: 0, unreadable: 0 };
        // Progress says what is done, never what is about to be: the count moves when a batch comes back.
        let done = 0;
        const parts = batches(uris, Math.min(MAX_BATCH, Math.max(1, Math.ceil(uris.length / STEPS))));
        for (const batch of parts) {
          if (token.isCancellationRequested) break;
          const current = batch.length === 1 ? ` · ${workspace.asRelativePath(Uri.parse(batch[0]))}` : '';
          progress.report({ message: `${done} of ${uris.length} files checked${current}` });
          const result = await this.client.sendRequest(LintFilesRequest, { uris: batch }, token).catch(() => undefined);
          if (!result) break;
          const open = new Set(workspace.textDocuments.filter((d) => SYNCED_LANGUAGES.has(d.languageId)).map((d) => d.uri.toString()));
          for (const file of result.files) {
            const diagnostics = await this.client.protocol2CodeConverter.asDiagnostics(file.diagnostics);
            if (!open.has(file.uri)) this.collection.set(Uri.parse(file.uri), diagnostics);
            counts.files++;
            if (file.kinds.includes('postmortem')) counts.postmortems++;
            if (file.kinds.includes('inventory')) counts.inventories++;
            counts.problems += diagnostics.length;
          }
          counts.unreadable += result.errors.length;
          done += batch.length;
          progress.report({ message: `${done} of ${uris.length} files checked`, increment: (100 * batch.length) / uris.length });
        }
        return { ...counts, cancelled: token.isCancellationRequested };
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

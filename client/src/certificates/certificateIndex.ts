import { EventEmitter, workspace, type Disposable, type Event } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { InventoryEntriesRequest, type InventoryEntriesResult } from '../../../contract/src/requests';
import { YAML_FILES } from '../workspace/fileGlobs';
import { findWorkspaceFiles } from '../workspace/findFiles';

/** A burst of file events (a branch switch) becomes one refresh. */
const REFRESH_DELAY_MS = 500;
/** Days left change at midnight whether or not a file does. */
const CLOCK_REFRESH_MS = 60 * 60 * 1000;

const EMPTY: InventoryEntriesResult = { certificates: [], inventories: [], now: new Date(0).toISOString() };

/**
 * Every certificate of every inventory in the workspace, as the server reads them; shared by the
 * Certificates view, the status bar and the look-up. Refreshed when a YAML file changes.
 */
export class CertificateIndex implements Disposable {
  private readonly changed = new EventEmitter<InventoryEntriesResult>();
  readonly onDidChange: Event<InventoryEntriesResult> = this.changed.event;
  private current: InventoryEntriesResult = EMPTY;
  private loading: Promise<InventoryEntriesResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    const watcher = workspace.createFileSystemWatcher(YAML_FILES);
    const soon = () => this.refreshSoon();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(soon),
      watcher.onDidChange(soon),
      watcher.onDidDelete(soon),
      workspace.onDidChangeWorkspaceFolders(soon),
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('incidentDocs') || e.affectsConfiguration('files.exclude')) soon();
      }),
      this.changed,
    );
    const clock = setInterval(soon, CLOCK_REFRESH_MS);
    this.disposables.push({ dispose: () => clearInterval(clock) });
  }

  get result(): InventoryEntriesResult {
    return this.current;
  }

  /** The last answer, or the first one once it arrives. */
  async get(): Promise<InventoryEntriesResult> {
    return this.current === EMPTY ? this.refresh() : this.current;
  }

  /** Reads the workspace again; concurrent callers share one read. */
  refresh(): Promise<InventoryEntriesResult> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), REFRESH_DELAY_MS);
  }

  private async load(): Promise<InventoryEntriesResult> {
    const files = await findWorkspaceFiles(YAML_FILES);
    const uris = files.map((f) => f.toString()).sort();
    this.current = uris.length === 0 ? { ...EMPTY, now: new Date().toISOString() } : await this.client.sendRequest(InventoryEntriesRequest, { uris });
    this.changed.fire(this.current);
    return this.current;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

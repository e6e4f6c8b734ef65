import { EventEmitter, workspace, type Disposable, type Event, type TextDocumentChangeEvent } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExpiryDayChangedNotification, InventoryEntriesRequest, type InventoryEntriesResult } from '../../../contract/src/requests';
import { YAML_FILES } from '../workspace/fileGlobs';
import { findWorkspaceFiles } from '../workspace/findFiles';
import { EMPTY_RESULT, InventoryStore, ReadQueue, type ReadScope } from './inventoryStore';

/** A burst of file events (a branch switch) becomes one read. */
const REFRESH_DELAY_MS = 500;
/**
 * Typing in an inventory: read it again once the typing pauses this long (a read of a 5,000-entry
 * inventory is a megabyte: not after every word)…
 */
const EDIT_DELAY_MS = 1_000;
/** …or at least this often while it goes on. */
const EDIT_MAX_DELAY_MS = 3_000;

/**
 * Every certificate of every inventory in the workspace, as the server reads them; shared by the
 * Certificates view, the status bar and the look-up. A file is read again when it changes on disk
 * or in an editor (unsaved edits count), and only that file; the whole workspace when files come
 * and go in bulk, settings change, or the server says the UTC day turned (its day counts changed).
 */
export class CertificateIndex implements Disposable {
  private readonly changed = new EventEmitter<InventoryEntriesResult>();
  readonly onDidChange: Event<InventoryEntriesResult> = this.changed.event;
  private readonly store = new InventoryStore();
  private readonly queue = new ReadQueue((scope) => this.read(scope));
  private loaded = false;
  private timer: NodeJS.Timeout | undefined;
  private scheduled: Set<string> | 'all' | undefined;
  private firstScheduled = 0;
  private readonly disposables: Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    const watcher = workspace.createFileSystemWatcher(YAML_FILES);
    const all = () => this.refreshSoon();
    // A file that is no inventory yet may become one: the whole workspace is read then (honouring files.exclude).
    const file = (uri: { toString(): string }) => (this.store.has(uri.toString()) ? this.refreshSoon([uri.toString()]) : all());
    this.disposables.push(
      watcher,
      watcher.onDidCreate(all),
      watcher.onDidChange(file),
      watcher.onDidDelete(all),
      workspace.onDidChangeTextDocument((e) => this.edited(e)),
      // Closed without saving: back to what the disk holds.
      workspace.onDidCloseTextDocument((d) => this.store.has(d.uri.toString()) && this.refreshSoon([d.uri.toString()])),
      workspace.onDidChangeWorkspaceFolders(all),
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('incidentDocs') || e.affectsConfiguration('files.exclude')) all();
      }),
      client.onNotification(ExpiryDayChangedNotification, all),
      this.changed,
    );
  }

  get result(): InventoryEntriesResult {
    return this.store.result;
  }

  /** The last answer, or the first one once it arrives. */
  async get(): Promise<InventoryEntriesResult> {
    if (!this.loaded) await this.refresh();
    return this.store.result;
  }

  /** Reads the whole workspace again; resolves once that read (and any asked for meanwhile) is done. */
  async refresh(): Promise<InventoryEntriesResult> {
    await this.queue.request('all');
    return this.store.result;
  }

  /** Reads `uris` (default: the whole workspace) after a short delay that further calls extend. */
  refreshSoon(uris?: readonly string[], delayMs = REFRESH_DELAY_MS): void {
    if (!uris || this.scheduled === 'all') this.scheduled = 'all';
    else this.scheduled = new Set([...(this.scheduled ?? []), ...uris]);
    const now = Date.now();
    if (this.timer === undefined) this.firstScheduled = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(delayMs, this.firstScheduled + EDIT_MAX_DELAY_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const scope: ReadScope = this.scheduled === 'all' ? 'all' : [...(this.scheduled ?? [])];
      this.scheduled = undefined;
      void this.queue.request(scope).catch(() => undefined);
    }, wait);
  }

  /**
   * An edit to an inventory: cheap here (every keystroke of every document comes through), the
   * read waits for a pause. Another file that becomes an inventory is found when it is saved.
   */
  private edited(e: TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    if (this.store.has(uri)) this.refreshSoon([uri], EDIT_DELAY_MS);
  }

  /** Asks for changes to the rows held (see InventoryEntriesParams.held); the views redraw only when a row changed. */
  private async read(scope: ReadScope): Promise<void> {
    let changed: boolean;
    if (scope === 'all') {
      const files = await findWorkspaceFiles(YAML_FILES);
      const uris = files.map((f) => f.toString()).sort();
      const result = uris.length === 0 ? { ...EMPTY_RESULT, now: new Date().toISOString() } : await this.client.sendRequest(InventoryEntriesRequest, { uris, held: this.store.held() });
      changed = this.store.replaceAll(result) || !this.loaded;
      this.loaded = true;
    } else {
      if (!this.loaded) return this.read('all');
      changed = this.store.update(scope, await this.client.sendRequest(InventoryEntriesRequest, { uris: [...scope], held: this.store.held(scope) }));
    }
    if (changed) this.changed.fire(this.store.result);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

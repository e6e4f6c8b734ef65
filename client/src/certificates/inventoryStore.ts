/**
 * The certificates of every inventory, kept per file so that an edit re-reads only its own file,
 * and the reads that keep it current, one at a time. Pure: no `vscode` (test/client tests it).
 */
import type { InventoryCertificate, InventoryEntriesResult } from '../../../contract/src/requests';

export const EMPTY_RESULT: InventoryEntriesResult = { certificates: [], inventories: [], now: new Date(0).toISOString() };

export class InventoryStore {
  private byUri = new Map<string, InventoryCertificate[]>();
  private now = EMPTY_RESULT.now;
  private combined: InventoryEntriesResult | undefined = EMPTY_RESULT;

  /** A read of the whole workspace: what it found replaces everything. */
  replaceAll(result: InventoryEntriesResult): void {
    this.byUri = new Map(result.inventories.map((uri) => [uri, []]));
    this.add(result);
  }

  /** A read of some files: each one asked for is replaced by what was found, or leaves if it is no inventory now. */
  update(asked: readonly string[], result: InventoryEntriesResult): void {
    for (const uri of asked) this.byUri.delete(uri);
    for (const uri of result.inventories) this.byUri.set(uri, []);
    // Files in the order a whole read lists them, whatever order the updates came in.
    this.byUri = new Map([...this.byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.add(result);
  }

  get result(): InventoryEntriesResult {
    this.combined ??= { certificates: [...this.byUri.values()].flat(), inventories: [...this.byUri.keys()], now: this.now };
    return this.combined;
  }

  /** Whether a file is one of the inventories held. */
  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  private add(result: InventoryEntriesResult): void {
    for (const c of result.certificates) this.byUri.get(c.uri)?.push(c);
    this.now = result.now;
    this.combined = undefined;
  }
}

/** What a read covers: some files, or the whole workspace. */
export type ReadScope = readonly string[] | 'all';

/**
 * Reads one at a time. What is asked for during a read is read after it, never dropped: a burst of
 * typing that ends while a read is under way is read again (a shared read once kept an entry's old
 * name until the next change). Scopes asked for meanwhile are merged into one read.
 */
export class ReadQueue {
  private pending: Set<string> | 'all' | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly read: (scope: ReadScope) => Promise<void>) {}

  /** Settles once everything asked for so far has been read (rejects if the last read failed). */
  request(scope: ReadScope): Promise<void> {
    if (scope === 'all' || this.pending === 'all') this.pending = 'all';
    else this.pending = new Set([...(this.pending ?? []), ...scope]);
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    let failure: unknown;
    try {
      while (this.pending !== undefined) {
        const scope = this.pending === 'all' ? 'all' : [...this.pending];
        this.pending = undefined;
        try {
          await this.read(scope);
          failure = undefined;
        } catch (e) {
          failure = e;
        }
      }
    } finally {
      // In the same step as the last look at `pending`: a request after it starts a new drain.
      this.running = undefined;
    }
    if (failure !== undefined) throw failure;
  }
}

/**
 * The certificates of every inventory, kept per file so that an edit re-reads only its own file,
 * and the reads that keep it current, one at a time. Pure: no `vscode` (test/client tests it).
 */
import type { InventoryCertificate, InventoryEntriesResult } from '../../../contract/src/requests';

export const EMPTY_RESULT: InventoryEntriesResult = { certificates: [], inventories: [], now: new Date(0).toISOString() };

export class InventoryStore {
  private byUri = new Map<string, InventoryCertificate[]>();
  /** The server's id of the rows held per inventory: a later read asks for changes to them. */
  private ids = new Map<string, string>();
  private now = EMPTY_RESULT.now;
  private combined: InventoryEntriesResult | undefined = EMPTY_RESULT;

  /** A read of the whole workspace: what it found replaces everything. Whether anything shown changed. */
  replaceAll(result: InventoryEntriesResult): boolean {
    const before = this.byUri;
    this.byUri = new Map(result.inventories.map((uri) => [uri, []]));
    return this.add(result, before) || !sameKeys(before, this.byUri);
  }

  /**
   * A read of some files: each one asked for is replaced by what was found, or leaves if it is no
   * inventory now. Whether anything shown changed (a read after an edit that changed no row did not).
   */
  update(asked: readonly string[], result: InventoryEntriesResult): boolean {
    const before = new Map(this.byUri);
    for (const uri of asked) this.byUri.delete(uri);
    for (const uri of result.inventories) this.byUri.set(uri, []);
    // Files in the order a whole read lists them, whatever order the updates came in.
    this.byUri = new Map([...this.byUri].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return this.add(result, before) || !sameKeys(before, this.byUri);
  }

  /** What to send as `held`: the rows held of these files (all when undefined), by the server's id. */
  held(uris?: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [uri, id] of this.ids) if (!uris || uris.includes(uri)) out[uri] = id;
    return out;
  }

  get result(): InventoryEntriesResult {
    this.combined ??= { certificates: [...this.byUri.values()].flat(), inventories: [...this.byUri.keys()], now: this.now };
    return this.combined;
  }

  /** Whether a file is one of the inventories held. */
  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Fills the files just listed (empty) from the answer: its rows, or its changes to the rows held `before`. */
  private add(result: InventoryEntriesResult, before: ReadonlyMap<string, InventoryCertificate[]>): boolean {
    let changed = false;
    for (const c of result.certificates) {
      this.byUri.get(c.uri)?.push(c);
      changed = true;
    }
    for (const { uri, count, rows } of result.changes ?? []) {
      const held = before.get(uri);
      if (!held || !this.byUri.has(uri)) throw new Error(`inventory rows: changes to ${uri}, whose rows are not held`);
      const next = held.slice(0, count);
      for (const { at, row } of rows) next[at] = row;
      if (next.length !== count || next.includes(undefined as never)) throw new Error(`inventory rows: changes to ${uri} leave gaps`);
      this.byUri.set(uri, next);
      changed ||= rows.length > 0 || count !== held.length;
    }
    // A file answered in full, or not at all, starts again from what it was sent now.
    for (const uri of this.ids.keys()) if (!this.byUri.has(uri)) this.ids.delete(uri);
    for (const [uri, id] of Object.entries(result.resultIds ?? {})) this.ids.set(uri, id);
    for (const uri of result.inventories) if (!result.resultIds?.[uri]) this.ids.delete(uri);
    this.now = result.now;
    if (changed || this.combined === undefined) this.combined = undefined;
    else this.combined = { ...this.combined, now: this.now };
    return changed;
  }
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  const bs = [...b.keys()];
  return [...a.keys()].every((k, i) => k === bs[i]);
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

/**
 * Workspace reads of files that are not open, whose parse an open of the same file may continue
 * from (AnalysisCache). At start-up the Certificates view reads every inventory from disk while
 * VS Code restores the editors: a 5,000-entry inventory opened during the read's parse was parsed
 * a second time (about a second of CPU, on a machine busy starting VS Code), and the read's rows,
 * held back meanwhile, came after both.
 */
import type { Analysis } from '../core/lint';

export class ReadInFlight {
  /** An open waits for this parse: it goes on even while the open documents wait for their diagnostics. */
  wanted = false;
  /**
   * The version of the open that went on from this parse. The open's next version may update the
   * model in place (an incremental parse): the read's work on it holds only while the open is at it.
   */
  takenAt: number | undefined;
  readonly parse: Promise<Analysis | undefined>;
  private settleParse!: (analysis: Analysis | undefined) => void;

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly generation: number,
  ) {
    this.parse = new Promise((resolve) => (this.settleParse = resolve));
  }

  /** The parse is complete (its analysis) or will not be (undefined). */
  settle(analysis: Analysis | undefined): void {
    this.settleParse(analysis);
  }
}

/** The newest read of each file, from its start until its reader is done with it or an open takes it. */
export class ReadsInFlight {
  private readonly reads = new Map<string, ReadInFlight>();

  start(uri: string, text: string, generation: number): ReadInFlight {
    const read = new ReadInFlight(uri, text, generation);
    this.reads.set(uri, read);
    return read;
  }

  /** The reader is done with it; an open waiting for its parse (`wanted`) still takes it. */
  end(read: ReadInFlight): void {
    if (this.reads.get(read.uri) === read && !read.wanted) this.reads.delete(read.uri);
  }

  clear(): void {
    this.reads.clear();
  }

  /**
   * The parse of `text` a read of `uri` has under way or done, under `generation`, once complete;
   * undefined when there is none or it did not complete. `take()` decides, after the wait,
   * whether the caller still wants it (the open may have moved on meanwhile).
   */
  async continueFrom(uri: string, text: string, generation: number, take: () => number | undefined): Promise<Analysis | undefined> {
    const read = this.reads.get(uri);
    if (!read || read.generation !== generation || read.text !== text) return undefined;
    read.wanted = true;
    const analysis = await read.parse;
    // Gone meanwhile: a new generation of settings, or a newer read of the file.
    if (this.reads.get(uri) !== read) return undefined;
    this.reads.delete(uri);
    const version = analysis ? take() : undefined;
    if (version === undefined) return undefined;
    read.takenAt = version;
    return analysis;
  }
}

/**
 * `lint --jobs N`: the files checked by N worker threads (workers/lintWorker.ts), answers in the
 * files' order. A worker that dies is reported as a CliError (exit 2) naming the file it was on.
 */
import type { CertFileFacts } from '../core/inventory/crossFile';
import { CliError } from './errors';
import type { FileReport } from './format';
import { displayPath } from './paths';
import type { CheckedFile, LintJob, WaitingFile } from './workers/lintWorker';
import { WorkerCrash, WorkerPool } from './workers/pool';

/** Batches small enough to keep every worker busy to the end, large enough to keep messages few. */
const MAX_BATCH = 50;
const BATCHES_PER_WORKER = 8;
/** The files that wait are fewer and each costs more (an inventory against the whole repository's facts). */
const MAX_FINISH_BATCH = 10;

export class LintWorkers {
  private readonly pool: WorkerPool;

  constructor(
    private readonly files: readonly string[],
    private readonly job: LintJob,
    workers: number,
  ) {
    this.pool = new WorkerPool('lint', job, workers);
    this.batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(files.length / (workers * BATCHES_PER_WORKER))));
  }

  private readonly batch: number;

  /** Which worker checked each file (and holds its parse while it waits). */
  private readonly checkedBy: number[] = [];

  /** Every file read, fixed and parsed; linted too unless it waits for the cross-file facts (see finish). */
  check(onProgress?: (done: number) => void): Promise<CheckedFile[]> {
    const onBatch = (worker: number, offset: number, count: number) => this.checkedBy.fill(worker, offset, offset + count);
    this.checkedBy.length = this.files.length;
    return this.named(this.pool.map<string, CheckedFile>('check', this.files, this.batch, onProgress, onBatch));
  }

  /**
   * The reports of the files that waited (checked, no report), by their index, linted against
   * every file's facts (in the files' order). Each worker lints those it holds first, then helps
   * with the others' (those that came with their source).
   */
  async finish(checked: readonly CheckedFile[], facts: CertFileFacts[]): Promise<[number, FileReport][]> {
    const owned: WaitingFile[][] = Array.from({ length: this.pool.size }, () => []);
    checked.forEach((c, index) => {
      if (c.checked && !c.report) owned[this.checkedBy[index]].push({ index, file: this.files[index], source: c.source });
    });
    const waiting = owned.reduce((n, q) => n + q.length, 0);
    const batch = Math.max(1, Math.min(MAX_FINISH_BATCH, Math.ceil(waiting / (this.pool.size * BATCHES_PER_WORKER))));
    return this.named(
      (async () => {
        await this.pool.broadcast('index', facts);
        return this.pool.mapOwned<WaitingFile, [number, FileReport]>('finish', owned, batch, (f) => f.source !== undefined);
      })(),
    );
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** A crash as the CLI reports it: the file, and that nothing was reported. */
  private async named<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (e) {
      if (!(e instanceof WorkerCrash)) throw e;
      const file = e.item === undefined ? 'a file' : displayPath(this.files[e.item], this.job.cwd);
      throw new CliError(`${file}: ${e.message} while checking it; no findings are reported`);
    }
  }
}

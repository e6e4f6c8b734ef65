/**
 * `lint --jobs N`: the files checked by N worker threads (workers/lintWorker.ts), answers in the
 * files' order. A worker that dies is reported as a CliError (exit 2) naming the file it was on.
 */
import type { CertFileFacts } from '../core/inventory/crossFile';
import { CliError } from './errors';
import type { FileReport } from './format';
import { displayPath } from './paths';
import type { CheckedFile, LintJob } from './workers/lintWorker';
import { WorkerCrash, WorkerPool } from './workers/pool';

/** Batches small enough to keep every worker busy to the end, large enough to keep messages few. */
const MAX_BATCH = 50;
const BATCHES_PER_WORKER = 8;

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

  /** Every file read, fixed and parsed; linted too unless it waits for the cross-file facts (see finish). */
  check(onProgress?: (done: number) => void): Promise<CheckedFile[]> {
    return this.named(this.pool.map<string, CheckedFile>('check', this.files, this.batch, onProgress));
  }

  /** The reports of the files that waited, by their index, linted against every file's facts (in the files' order). */
  async finish(facts: CertFileFacts[]): Promise<[number, FileReport][]> {
    return (await this.named(this.pool.broadcast<[number, FileReport][]>('finish', facts))).flat();
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

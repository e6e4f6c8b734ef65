/**
 * The records of `incident-docs report`: each file read and linted as `lint` does it, then turned
 * into its record by core/report. Thousands of post-mortems are split between worker threads,
 * one per core (at most four): a report of 5,000 files is CPU-bound on parsing. Each worker is
 * the CLI bundle itself (main.ts starts `serveReportWorker` when it is not the main thread),
 * with its own settings resolver; results come back in file order.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze, lintAnalysis } from '../../core/lint';
import { incidentRecord, type IncidentRecord } from '../../core/report/record';
import { readDocumentFileSync } from '../../core/workspace/readFile';
import { WorkspaceError } from '../../core/workspace/errors';
import { ConfigResolver } from '../configs';
import { CliError } from '../errors';
import { displayPath } from '../paths';
import { WORKER_KIND } from './reportWorker';

export interface RecordsJob {
  /** Absolute paths, in report order. */
  files: string[];
  cwd: string;
  /** ISO 8601. */
  now: string;
  /** `--config`. */
  config?: string;
}

/** One per file: its record (none when it is not a post-mortem), or why it was not read. */
export interface FileOutcome {
  record?: IncidentRecord;
  failure?: string;
}

export interface RecordsResult {
  outcomes: FileOutcome[];
  /** Problems with settings files, each once. */
  warnings: string[];
}

/** Below this many files one thread is faster than starting workers. */
const FILES_PER_WORKER = 200;
const FILES_PER_BATCH = 50;
const MAX_WORKERS = 4;

export async function readRecords(job: RecordsJob): Promise<RecordsResult> {
  const workers = Math.min(MAX_WORKERS, availableParallelism(), Math.floor(job.files.length / FILES_PER_WORKER));
  // Workers run the bundle (dist/cli.js); from the TypeScript sources (tests, tsx) one thread does it all.
  if (workers < 2 || !__filename.endsWith('.js')) return recordsOf(job);
  // Files are handed out in small batches to whichever worker is free: post-mortems differ in
  // size, and halves fixed up front left one core idle while the other finished.
  const batches: string[][] = [];
  for (let i = 0; i < job.files.length; i += FILES_PER_BATCH) batches.push(job.files.slice(i, i + FILES_PER_BATCH));
  const results: FileOutcome[][] = new Array(batches.length);
  const warnings = new Set<string>();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: workers }, () =>
        runWorker(job, () => (next < batches.length ? { index: next, files: batches[next++] } : undefined), (index, result) => {
          results[index] = result.outcomes;
          for (const w of result.warnings) warnings.add(w);
        }),
      ),
    );
  } catch (e) {
    next = batches.length; // the other workers stop at their next batch
    throw e;
  }
  return { outcomes: results.flat(), warnings: [...warnings] };
}

/** The records of the job's files, in this thread. */
export async function recordsOf(job: RecordsJob): Promise<RecordsResult> {
  return recordsReader(job)(job.files);
}

/** Reads records of files in the job's settings; one settings resolver for every call. */
function recordsReader(job: RecordsJob): (files: string[]) => Promise<RecordsResult> {
  const warnings = new Set<string>();
  const configs = new ConfigResolver({ explicitFile: job.config, ruleOverrides: {}, cwd: job.cwd, warn: (m) => warnings.add(m) });
  const now = new Date(job.now);
  return async (files) => {
    const outcomes: FileOutcome[] = [];
    for (const file of files) {
      const shown = displayPath(file, job.cwd);
      try {
        const config = configs.configFor(file);
        // Sync: a worker has nothing else to do while it waits, and awaiting each read left it idle
        // a sixth of the time.
        const { text, truncated } = readDocumentFileSync(file, config.maxFileSizeBytes, shown);
        const analysis = analyze({ path: file, text, truncated, root: configs.rootFor(file) }, config, { now });
        outcomes.push({ record: incidentRecord(shown, analysis, lintAnalysis(analysis, { now })) });
      } catch (e) {
        if (e instanceof CliError || e instanceof WorkspaceError) outcomes.push({ failure: e instanceof CliError ? `${shown}: not read: ${e.message}` : e.message });
        // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
        else outcomes.push({ failure: `${shown}: internal error while reading (${(e as Error)?.message ?? String(e)}); please report it` });
      }
    }
    const result = { outcomes, warnings: [...warnings] };
    warnings.clear();
    return result;
  };
}

interface Batch {
  index: number;
  files: string[];
}

type WorkerReply = { index: number; result: RecordsResult } | { error: string };

/** One worker: given batches until `take` has none left, each answer handed to `done`. */
function runWorker(job: RecordsJob, take: () => Batch | undefined, done: (index: number, result: RecordsResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const settings: RecordsJob = { ...job, files: [] };
    const worker = new Worker(__filename, { workerData: { kind: WORKER_KIND, job: settings } });
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const send = () => {
      const batch = take();
      if (batch) worker.postMessage(batch);
      else settle();
    };
    worker.on('message', (reply: WorkerReply) => {
      if ('error' in reply) return settle(new Error(reply.error));
      done(reply.index, reply.result);
      send();
    });
    worker.once('online', send);
    worker.once('error', (e) => settle(e));
    worker.once('exit', (code) => settle(new Error(`a report worker exited with code ${code} before answering`)));
  });
}

/** A worker's whole life: batches of files, each answered in turn, until the main thread ends it. */
export function serveReportWorker(): void {
  const { job } = workerData as { job: RecordsJob };
  const records = recordsReader(job);
  parentPort!.on('message', (batch: Batch) => {
    records(batch.files).then(
      (result) => parentPort!.postMessage({ index: batch.index, result } satisfies WorkerReply),
      (e: unknown) => parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    );
  });
}

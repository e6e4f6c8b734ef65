/**
 * The records of `incident-docs report`: each file read and linted as `lint` does it, then turned
 * into its record by core/report. Thousands of post-mortems are split between worker threads,
 * one per core (at most four): a report of 5,000 files is CPU-bound on parsing. Each worker is
 * the CLI bundle itself (main.ts starts `serveReportWorker` when it is not the main thread),
 * with its own settings resolver; results come back in file order.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze, lintAnalysis } from '../../core/lint';
import { incidentRecord, type IncidentRecord } from '../../core/report/record';
import { readDocumentFile } from '../../core/workspace/readFile';
import { WorkspaceError } from '../../core/workspace/errors';
import { ConfigResolver } from '../configs';
import { CliError } from '../errors';
import { displayPath } from '../paths';

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
const MAX_WORKERS = 4;
const WORKER_KIND = 'incident-docs-report';

export async function readRecords(job: RecordsJob): Promise<RecordsResult> {
  const workers = Math.min(MAX_WORKERS, availableParallelism(), Math.floor(job.files.length / FILES_PER_WORKER));
  // Workers run the bundle (dist/cli.js); from the TypeScript sources (tests, tsx) one thread does it all.
  if (workers < 2 || !__filename.endsWith('.js')) return recordsOf(job);
  const size = Math.ceil(job.files.length / workers);
  const parts = Array.from({ length: workers }, (_, i) => ({ ...job, files: job.files.slice(i * size, (i + 1) * size) }));
  const results = await Promise.all(parts.map(runWorker));
  return { outcomes: results.flatMap((r) => r.outcomes), warnings: [...new Set(results.flatMap((r) => r.warnings))] };
}

/** The records of the job's files, in this thread. */
export async function recordsOf(job: RecordsJob): Promise<RecordsResult> {
  const warnings = new Set<string>();
  const configs = new ConfigResolver({ explicitFile: job.config, ruleOverrides: {}, cwd: job.cwd, warn: (m) => warnings.add(m) });
  const now = new Date(job.now);
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) {
    const shown = displayPath(file, job.cwd);
    try {
      const config = configs.configFor(file);
      const { text, truncated } = await readDocumentFile(file, config.maxFileSizeBytes, shown);
      const analysis = analyze({ path: file, text, truncated, root: configs.rootFor(file) }, config, { now });
      outcomes.push({ record: incidentRecord(shown, analysis, lintAnalysis(analysis, { now })) });
    } catch (e) {
      if (e instanceof CliError || e instanceof WorkspaceError) outcomes.push({ failure: e instanceof CliError ? `${shown}: not read: ${e.message}` : e.message });
      // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
      else outcomes.push({ failure: `${shown}: internal error while reading (${(e as Error)?.message ?? String(e)}); please report it` });
    }
  }
  return { outcomes, warnings: [...warnings] };
}

function runWorker(job: RecordsJob): Promise<RecordsResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { kind: WORKER_KIND, job } });
    let settled = false;
    worker.once('message', (result: RecordsResult | { error: string }) => {
      settled = true;
      if ('error' in result) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a report worker exited with code ${code} before answering`));
    });
  });
}

/** Whether this thread is a report worker (main.ts asks before it parses a command line). */
export function isReportWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | undefined)?.kind === WORKER_KIND;
}

/** A worker's whole life: its share of the files, answered once. */
export function serveReportWorker(): void {
  const { job } = workerData as { job: RecordsJob };
  recordsOf(job).then(
    (result) => parentPort!.postMessage(result),
    (e: unknown) => parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) }),
  );
}

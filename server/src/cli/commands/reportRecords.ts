/**
 * The records of `incident-docs report`: each file read and linted as `lint` does it, then turned
 * into its record by core/report. Thousands of post-mortems are split between worker threads
 * (workers/pool.ts), one per core (at most four): a report of 5,000 files is CPU-bound on
 * parsing. Each worker has its own settings resolver; results come back in file order.
 */
import { availableParallelism } from 'node:os';
import { analyze, lintAnalysis } from '../../core/lint';
import { incidentRecord, type IncidentRecord } from '../../core/report/record';
import { readDocumentFileSync } from '../../core/workspace/readFile';
import { WorkspaceError } from '../../core/workspace/errors';
import { ConfigResolver } from '../configs';
import { CliError } from '../errors';
import { displayPath } from '../paths';
import { WorkerPool, workersAvailable } from '../workers/pool';
import type { Batch, Handlers } from '../workers/protocol';

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
  if (workers < 2 || !workersAvailable()) return recordsOf(job);
  const pool = new WorkerPool('report', { ...job, files: [] } satisfies RecordsJob, workers);
  try {
    const answers = await pool.map<string, RecordsResult>('records', job.files, FILES_PER_BATCH);
    // Each answer is one file's outcome, with the settings problems first met on it.
    const warnings = new Set(answers.flatMap((a) => a.warnings));
    return { outcomes: answers.map((a) => a.outcomes[0]), warnings: [...warnings] };
  } finally {
    await pool.close();
  }
}

/** The records of the job's files, in this thread. */
export async function recordsOf(job: RecordsJob): Promise<RecordsResult> {
  return recordsReader(job)(job.files);
}

/** Reads records of files in the job's settings; one settings resolver for every call. */
function recordsReader(job: RecordsJob): (files: string[]) => RecordsResult {
  const warnings = new Set<string>();
  const configs = new ConfigResolver({ explicitFile: job.config, ruleOverrides: {}, cwd: job.cwd, warn: (m) => warnings.add(m) });
  const now = new Date(job.now);
  return (files) => {
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

/** A report worker's handlers: `records` answers each file of a batch with its outcome and the warnings met on it. */
export function reportHandlers(job: RecordsJob): Handlers {
  const records = recordsReader(job);
  return {
    records: ({ items }: Batch<string>): RecordsResult[] => items.map((file) => records([file])),
  };
}

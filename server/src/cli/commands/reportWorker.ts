import { isMainThread, workerData } from 'node:worker_threads';

/** What `report` gives its worker threads (reportRecords.ts), so a worker knows it is one. */
export const WORKER_KIND = 'incident-docs-report';

/** Whether this thread is a report worker (main.ts asks before it parses a command line, loading nothing else). */
export function isReportWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | undefined)?.kind === WORKER_KIND;
}

/**
 * What the main thread and a CLI worker thread say to each other (pool.ts, serve.ts). Types and a
 * little more: main.ts reads it at start-up to know whether it is a worker.
 */
import { isMainThread, workerData } from 'node:worker_threads';

/** workerData.kind of a CLI worker, so a thread knows it is one. */
export const WORKER_KIND = 'incident-docs-worker';

export interface WorkerStart {
  kind: typeof WORKER_KIND;
  /** Which handlers the worker serves ('report', 'lint'). */
  task: string;
  /** The task's settings, given once. */
  settings: unknown;
  /** Shared with the main thread: the index of the item the worker is on (-1: none), read after a crash. */
  current: Int32Array;
}

export interface WorkerRequest {
  id: number;
  method: string;
  params: unknown;
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

/** Whether this thread is a CLI worker (main.ts asks before it parses a command line, loading nothing else). */
export function isCliWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | undefined)?.kind === WORKER_KIND;
}

/** What pool.map gives a worker: items from `offset` on. */
export interface Batch<I> {
  offset: number;
  items: I[];
}

/** A task's methods, by name (serve.ts calls them). */
export type Handlers = Record<string, (params: never) => unknown>;

/** In a worker: tells the main thread which item it is on, where a crash cannot erase it (-1: none). */
export function currentItem(index: number): void {
  Atomics.store((workerData as WorkerStart).current, 0, index);
}

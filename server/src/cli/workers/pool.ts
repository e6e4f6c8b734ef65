/**
 * Worker threads for the CLI's long runs (`report`, `lint --jobs`). Each worker is the CLI bundle
 * itself (dist/incident-docs.js: programs.ts starts the CLI in a worker, and main.ts serves the
 * task named in workerData), so nothing is shipped twice. Work goes out in small batches to
 * whichever worker is free (documents differ in size; halves fixed up front left a core idle),
 * and answers come back in the order of the items.
 *
 * A worker that dies (an uncaught error, process.exit, out of memory) rejects the run with a
 * WorkerCrash naming the item it was on: each worker writes the index of its current item into
 * memory it shares with the main thread, which outlives it. Nothing waits on a dead worker.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_KIND, type WorkerReply, type WorkerRequest, type WorkerStart } from './protocol';

/** A worker stopped before answering; `item` is the index of the item it was working on, if any. */
export class WorkerCrash extends Error {
  constructor(
    message: string,
    readonly item: number | undefined,
  ) {
    super(message);
    this.name = 'WorkerCrash';
  }
}

/**
 * Whether workers can run: they run the shared bundle (programs.ts), so from the TypeScript sources
 * (tests, tsx) or another bundle (the GitHub Action's dist/action.js) one thread does it all.
 */
export function workersAvailable(): boolean {
  return basename(__filename) === 'incident-docs.js';
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker and its calls in flight. */
class PoolWorker {
  private readonly worker: Worker;
  private readonly current = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private crash?: WorkerCrash;
  private closing = false;

  constructor(task: string, settings: unknown) {
    this.current[0] = -1;
    const workerData: WorkerStart = { kind: WORKER_KIND, task, settings, current: this.current };
    this.worker = new Worker(__filename, { workerData });
    this.worker.on('message', (reply: WorkerReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if ('error' in reply) call.reject(new Error(reply.error));
      else call.resolve(reply.result);
    });
    this.worker.on('error', (e) => this.fail(`a worker thread failed (${e?.message ?? String(e)})`));
    this.worker.on('exit', (code) => this.fail(`a worker thread exited with code ${code}`));
  }

  call(method: string, params: unknown): Promise<unknown> {
    if (this.crash) return Promise.reject(this.crash);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, params } satisfies WorkerRequest);
    });
  }

  close(): Promise<number> {
    this.closing = true;
    return this.worker.terminate();
  }

  private fail(message: string): void {
    if (this.closing || this.crash) return;
    const item = this.current[0];
    this.crash = new WorkerCrash(message, item >= 0 ? item : undefined);
    for (const call of this.pending.values()) call.reject(this.crash);
    this.pending.clear();
    void this.worker.terminate();
  }
}

/** At the end of a map, a batch is at most this share of what is left per worker. */
const SHARES_LEFT = 3;

export class WorkerPool {
  private readonly workers: PoolWorker[];

  get size(): number {
    return this.workers.length;
  }

  /** `count` workers serving `task` (see serveWorker), each given `settings` once. */
  constructor(task: string, settings: unknown, count: number) {
    this.workers = Array.from({ length: count }, () => new PoolWorker(task, settings));
  }

  /**
   * `method` over `items` in batches of up to `batchSize`, each batch to the next free worker; one
   * answer per item, in the items' order. Batches shrink towards the end (a share of what is left
   * per worker), so that the workers finish together: a last batch of full size kept one worker
   * busy for half a second after the other ran out. The worker's handler is given
   * `{ offset, items }` and answers an array as long as its items. A failed call stops the others
   * at their next batch.
   */
  async map<I, R>(method: string, items: readonly I[], batchSize: number, onProgress?: (done: number) => void, onBatch?: (worker: number, offset: number, count: number) => void): Promise<R[]> {
    const results: R[][] = [];
    let next = 0;
    let batches = 0;
    let done = 0;
    const take = () => {
      if (next >= items.length) return undefined;
      const offset = next;
      const size = Math.max(1, Math.min(batchSize, Math.ceil((items.length - offset) / (this.workers.length * SHARES_LEFT))));
      next += size;
      return { number: batches++, offset, items: items.slice(offset, offset + size) };
    };
    try {
      await Promise.all(
        this.workers.map(async (worker, w) => {
          for (let batch = take(); batch; batch = take()) {
            results[batch.number] = (await worker.call(method, { offset: batch.offset, items: batch.items })) as R[];
            onBatch?.(w, batch.offset, batch.items.length);
            done += batch.items.length;
            onProgress?.(done);
          }
        }),
      );
    } catch (e) {
      next = items.length;
      throw e;
    }
    return results.flat();
  }

  /**
   * `method` over items that belong to workers (`owned[w]`: worker w's, such as the parses it holds),
   * in batches of up to `batchSize`: each worker takes its own from the front of its queue and, once
   * it has none left, those of another that `stealable` allows, from the back, so that no worker
   * sits idle while another still has a queue. The handler is given an array of items and answers
   * one array per batch; the answers come flattened, in no particular order.
   */
  async mapOwned<I, R>(method: string, owned: readonly I[][], batchSize: number, stealable: (item: I) => boolean): Promise<R[]> {
    const queues = this.workers.map((_, w) => [...(owned[w] ?? [])]);
    const results: R[] = [];
    const take = (w: number): I[] | undefined => {
      if (queues[w].length > 0) return queues[w].splice(0, batchSize);
      // Another's longest queue, from its back: its owner works from the front.
      const victim = queues.reduce((best, q, v) => (q.length > queues[best].length ? v : best), w);
      const queue = queues[victim];
      let from = queue.length;
      while (from > 0 && queue.length - from < batchSize && stealable(queue[from - 1])) from--;
      return from < queue.length ? queue.splice(from) : undefined;
    };
    try {
      await Promise.all(
        this.workers.map(async (worker, w) => {
          for (let batch = take(w); batch; batch = take(w)) results.push(...((await worker.call(method, batch)) as R[]));
        }),
      );
    } catch (e) {
      for (const queue of queues) queue.length = 0;
      throw e;
    }
    return results;
  }

  /** `method` once on every worker, with the same params; their answers in the workers' order. */
  broadcast<R>(method: string, params: unknown): Promise<R[]> {
    return Promise.all(this.workers.map((w) => w.call(method, params) as Promise<R>));
  }

  /** Ends every worker (their work, if any, is dropped). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

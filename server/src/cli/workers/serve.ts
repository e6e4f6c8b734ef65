/**
 * A CLI worker thread's life (see pool.ts): the handlers of its task, each request answered in
 * turn, until the main thread ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Handlers, WorkerReply, WorkerRequest, WorkerStart } from './protocol';

export function serveWorker(): void {
  const start = workerData as WorkerStart;
  const handlers = handlersOf(start.task, start.settings);
  parentPort!.on('message', ({ id, method, params }: WorkerRequest) => {
    const reply = (r: WorkerReply) => parentPort!.postMessage(r);
    try {
      const handler = handlers[method];
      if (!handler) throw new Error(`no method ${method} in a ${start.task} worker`);
      Promise.resolve((handler as (p: unknown) => unknown)(params)).then(
        (result) => reply({ id, result }),
        (e: unknown) => reply({ id, error: (e as Error)?.message ?? String(e) }),
      );
    } catch (e) {
      reply({ id, error: (e as Error)?.message ?? String(e) });
    }
  });
}

function handlersOf(task: string, settings: unknown): Handlers {
  if (task === 'lint') return (require('./lintWorker') as typeof import('./lintWorker')).lintHandlers(settings as import('./lintWorker').LintJob);
  if (task === 'report') return (require('../commands/reportRecords') as typeof import('../commands/reportRecords')).reportHandlers(settings as import('../commands/reportRecords').RecordsJob);
  throw new Error(`no worker task ${task}`);
}

/**
 * Runs core work written as steps (core/steps.ts) off the message loop's critical path: a slice of
 * steps at a time, then back to the event loop, so requests and other documents are served in
 * between; stopped between steps when its result is no longer wanted or its time budget is spent.
 */
import type { Steps } from '../core/steps';

/** How long one slice of steps may hold the event loop (a step itself is a few milliseconds). */
export const SLICE_MS = 25;

export type StepOutcome<T> = { kind: 'done'; value: T } | { kind: 'cancelled' } | { kind: 'over-budget' };

export interface StepControl {
  /** Checked before every slice: a newer version of the document, the document closed. */
  cancelled(): boolean;
  /**
   * How long to hold back before the next slice (0 to go on): while edits stream in, each would
   * stop the analysis of the version before it, so none is started until they pause.
   */
  holdBackMs?(): number;
  /**
   * The CPU time the steps may take in all (ms), not counting what runs in between. CPU, not wall
   * time: other processes on a busy machine do not use it up. 0 stops after the first step.
   */
  budgetMs: number;
  /** CPU time spent so far, shared by the runs of one document version (its parse, then its lint). */
  spent: { ms: number };
}

export async function runSteps<T>(steps: Steps<T>, control: StepControl, sliceMs = SLICE_MS): Promise<StepOutcome<T>> {
  for (;;) {
    await nextTurn();
    for (let wait = control.holdBackMs?.() ?? 0; wait > 0 && !control.cancelled(); wait = control.holdBackMs?.() ?? 0) await delay(wait);
    if (control.cancelled()) {
      steps.return(undefined as never);
      return { kind: 'cancelled' };
    }
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let cpu = 0;
    for (;;) {
      const next = steps.next();
      cpu = cpuMs(cpuStarted);
      if (next.done) {
        control.spent.ms += cpu;
        return { kind: 'done', value: next.value };
      }
      if (control.spent.ms + cpu >= control.budgetMs) {
        control.spent.ms += cpu;
        steps.return(undefined as never);
        return { kind: 'over-budget' };
      }
      if (performance.now() - started >= sliceMs) break;
    }
    control.spent.ms += cpu;
  }
}

/** CPU time (user and system, ms) since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * After the messages that are due. A message read from the pipe is handled in a setImmediate that
 * the JSON-RPC reader queues when it reads it (in the loop's poll phase, after ours was queued):
 * one setImmediate would run the next slice first, so a request waited out two slices. Queuing
 * ours from inside an immediate puts it behind theirs.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** Many probes at once, never more than `concurrency` connections open (for `lint --live`). */
import { checkProbeOptions, probeCertificate } from './probe';
import { ProbeInputError, type ProbeOptions, type ProbeOutcome } from './types';
import { DEFAULT_CONCURRENCY } from './defaults';

export { DEFAULT_CONCURRENCY };

export interface ProbeManyOptions {
  /** Connections open at the same time; defaults to 16. */
  concurrency?: number;
  /** Called after each probe ends, in completion order. */
  onProgress?: (progress: { done: number; total: number; target: ProbeOptions; outcome: ProbeOutcome }) => void;
}

/**
 * Probes every target; the outcomes come back in the targets' order. All targets are validated
 * first, so one malformed target is a ProbeInputError naming it before any connection is made.
 */
export async function probeMany(targets: readonly ProbeOptions[], options: ProbeManyOptions = {}): Promise<ProbeOutcome[]> {
  if (!Array.isArray(targets)) throw new ProbeInputError('probeMany expects a list of targets.');
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ProbeInputError(`Concurrency ${JSON.stringify(concurrency)} is not a whole number of at least 1.`);
  }
  targets.forEach((target, i) => {
    try {
      checkProbeOptions(target);
    } catch (e) {
      if (!(e instanceof ProbeInputError)) throw e;
      throw new ProbeInputError(`Target ${i + 1}${typeof target?.host === 'string' ? ` (${target.host})` : ''}: ${e.message}`);
    }
  });
  const outcomes = new Array<ProbeOutcome>(targets.length);
  let next = 0;
  let done = 0;
  // A tiny pool: each worker takes the next index until none is left.
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const outcome = await probeCertificate(targets[index]);
      outcomes[index] = outcome;
      done++;
      options.onProgress?.({ done, total: targets.length, target: targets[index], outcome });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return outcomes;
}

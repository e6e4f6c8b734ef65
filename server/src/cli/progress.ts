import type { SingleBar } from 'cli-progress';
import type { ProgressUnit } from './progressUnits';

const LABELS: Record<ProgressUnit, string> = { files: 'checking files', hosts: 'probing certificates' };

/** Files are counted from the start but shown only when a run takes longer than this: a short one prints nothing. */
const FILES_DELAY_MS = 1000;

/**
 * A progress bar on stderr (the caller asks only when stderr is a terminal), removed when done:
 * hosts probed by `lint --live` from the first, files checked by `lint` once a second has passed.
 * cli-progress is loaded only when the bar shows.
 */
export function terminalProgress(
  unit: ProgressUnit,
  /** Tests give their own terminal and clock. */
  on: { stream: NodeJS.WritableStream; now: () => number } = { stream: process.stderr, now: () => performance.now() },
): (done: number, total: number) => void {
  const started = on.now();
  const delay = unit === 'files' ? FILES_DELAY_MS : 0;
  let bar: SingleBar | undefined;
  let finished = false;
  return (done, total) => {
    if (finished) return;
    if (!bar) {
      if (done >= total || on.now() - started < delay) return;
      const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
      bar = new SingleBar({ stream: on.stream, format: `${LABELS[unit]} [{bar}] {value}/{total} ${unit}`, clearOnComplete: true, hideCursor: true });
      bar.start(total, done);
    }
    bar.update(done);
    if (done >= total) {
      bar.stop();
      finished = true;
    }
  };
}

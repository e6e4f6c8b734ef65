import type { MultiBar, SingleBar } from 'cli-progress';
import type { ProgressUnit } from './progressUnits';

const LABELS: Record<ProgressUnit, string> = { files: 'checking files', hosts: 'probing certificates' };

/** Files are counted from the start but shown only when a run takes longer than this: a short one prints nothing. */
const FILES_DELAY_MS = 1000;

/** A progress line's update, and the way to print a line above it while it shows. */
export interface ProgressLine {
  (done: number, total: number): void;
  /** Writes `line` (escaped already) above the bar while it shows, and says so; false when no bar shows (the caller writes it). */
  log(line: string): boolean;
  /**
   * Removes the bar if it still shows: a run that ends early (a worker that died, an error) never
   * reaches its total, and the bar's redraw timer kept the process from exiting.
   */
  stop(): void;
}

/**
 * A progress bar on stderr (the caller asks only when stderr is a terminal), removed when done:
 * hosts probed by `lint --live` from the first, files checked by `lint` once a second has passed.
 * Messages printed meanwhile go above it (cli-progress's MultiBar keeps the bar on the last line;
 * written straight to stderr they broke it). cli-progress is loaded only when the bar shows.
 */
export function terminalProgress(
  unit: ProgressUnit,
  /** Tests give their own terminal and clock. */
  on: { stream: NodeJS.WritableStream; now: () => number } = { stream: process.stderr, now: () => performance.now() },
): ProgressLine {
  const started = on.now();
  const delay = unit === 'files' ? FILES_DELAY_MS : 0;
  let bars: MultiBar | undefined;
  let bar: SingleBar | undefined;
  let finished = false;
  const update = (done: number, total: number) => {
    if (finished) return;
    if (!bars || !bar) {
      if (done >= total || on.now() - started < delay) return;
      const { MultiBar } = require('cli-progress') as typeof import('cli-progress');
      // forceRedraw: after the lines logged above it, the bar is drawn again even if its text is the same.
      bars = new MultiBar({ stream: on.stream, format: `${LABELS[unit]} [{bar}] {value}/{total} ${unit}`, clearOnComplete: true, hideCursor: true, forceRedraw: true });
      bar = bars.create(total, done);
      bars.update();
    }
    bar.update(done);
    if (done >= total) {
      // Lines logged since the last redraw are written before the bar is cleared.
      bars.update();
      bars.stop();
      finished = true;
    }
  };
  return Object.assign(update, {
    log(line: string): boolean {
      if (!bars || finished) return false;
      bars.log(`${line}\n`);
      return true;
    },
    stop(): void {
      if (finished) return;
      finished = true;
      if (!bars) return;
      bars.update();
      bars.stop();
    },
  });
}

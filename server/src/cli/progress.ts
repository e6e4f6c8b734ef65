import { SingleBar } from 'cli-progress';

let bar: SingleBar | undefined;

/** One progress bar on stderr for `lint --live`, shown only on a terminal and removed when done. */
export function terminalProgress(done: number, total: number): void {
  if (!bar) {
    bar = new SingleBar({
      stream: process.stderr,
      format: 'probing certificates [{bar}] {value}/{total} hosts',
      clearOnComplete: true,
      hideCursor: true,
    });
    bar.start(total, 0);
  }
  bar.update(done);
  if (done >= total) {
    bar.stop();
    bar = undefined;
  }
}

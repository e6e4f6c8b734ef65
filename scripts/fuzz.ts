/**
 * `npm run fuzz -- --runs 100000 [--seed N] [--timeout MS]`: the fuzz property of
 * test/reliability/fuzz.test.ts, longer. Prints the result line the README quotes.
 */
import { runFuzz } from '../test/reliability/fuzz/runner';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

async function main(): Promise<void> {
  const runs = flag('runs', 10_000);
  const seed = process.argv.includes('--seed') ? flag('seed', 1) : undefined;
  const started = Date.now();
  let lastShown = 0;
  const report = await runFuzz({
    runs,
    seed,
    timeoutMs: flag('timeout', 10_000),
    now: new Date('2026-11-27T12:00:00Z'),
    progress: (done) => {
      if (done - lastShown >= 5_000 && process.stderr.isTTY) process.stderr.write(`\r${done}/${runs}`);
      if (done - lastShown >= 5_000) lastShown = done;
    },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `fuzz: ${report.runs} documents, seed ${report.seed}, ${report.failed ? 'FAILED' : 'no failure'}; ` +
      `${report.findings} findings checked; slowest document ${Math.round(report.slowestMs)} ms; ${minutes} min`,
  );
  if (report.failed) {
    console.error(report.message);
    console.error(`document written to ${report.counterexampleFile}`);
    process.exitCode = 1;
  }
}

void main();

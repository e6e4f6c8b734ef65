/**
 * The longest steps the language server cannot interrupt, by place (a rule, or the parse's n-th
 * step), on P6's four shapes: in-process, the bundled core, CPU time, warm. What to cut next when
 * a request waits too long behind a lint.
 *
 *   node --import tsx bench/steps.ts           the 8 longest places of each shape, over 3 warm runs
 *   BENCH_RUNS=5 BENCH_TOP=12 node --import tsx bench/steps.ts
 */
import { writeAtLimitInputs } from './inputs';
import { buildBundledCore } from './lib/bundle';
import { measureLongestStep } from './measure/big';

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const top = Number(process.env.BENCH_TOP ?? 8);
  const { files } = writeAtLimitInputs();
  const core = await buildBundledCore();
  for (const { shape, file } of files) {
    const longest = measureLongestStep(core, file, runs);
    console.log(`${shape}: ${longest.steps} steps, the longest ${longest.cpuMs.toFixed(1)} ms of the main thread's CPU (${longest.where})`);
    for (const place of longest.byPlace.slice(0, top)) console.log(`  ${place.cpuMs.toFixed(1).padStart(7)} ms (process ${place.processCpuMs.toFixed(0)} ms)  ${place.where}, ${place.steps} steps`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

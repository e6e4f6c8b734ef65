/**
 * The first lint of a document, rule by rule: CPU time of the parse and of each rule (lintSteps'
 * progress.rule), for issue #21 E1. `node --import tsx bench/measure/ruleTimes.ts FILE [RUNS] [--now ISO] [--findings OUT.json]`
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
import { defaultConfig } from '../../server/src/core/config';
import { analyze, lintSteps } from '../../server/src/core/lint';
import { LARGE_INPUT_LIMIT } from '../inputs';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const now = new Date(flag('--now') ?? '2026-12-03T00:00:00Z');
const findingsOut = flag('--findings');
const [file, runsArg] = args;
const runs = Number(runsArg ?? 5);
const text = readFileSync(file, 'utf8');
const config = { ...defaultConfig(), maxFileSizeBytes: LARGE_INPUT_LIMIT };

const cpuMs = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};

const totals = new Map<string, number[]>();
const add = (key: string, ms: number, run: number) => {
  const list = totals.get(key) ?? [];
  list[run] = (list[run] ?? 0) + ms;
  totals.set(key, list);
};
let findingsJson = '';
for (let run = -1; run < runs; run++) {
  // run -1 is the cold one
  const r = run + 1;
  let started = cpuMs();
  const analysis = analyze({ path: file, text }, config, { now });
  add('(parse)', cpuMs() - started, r);
  const progress: { rule?: string } = {};
  const steps = lintSteps(analysis, { now }, undefined, progress);
  let current: string | undefined;
  started = cpuMs();
  const lintStarted = started;
  for (;;) {
    const next = steps.next();
    const t = cpuMs();
    add(current ?? '(between rules)', t - started, r);
    started = t;
    current = progress.rule;
    if (next.done) {
      add('(rules total)', t - lintStarted, r);
      findingsJson = JSON.stringify(next.value.findings);
      break;
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (findingsOut) writeFileSync(findingsOut, findingsJson);
// The first run is the cold one (the server's first lint: nothing compiled yet); the rest are warm.
const rows = [...totals].map(([k, v]) => [k, v[0] ?? 0, median(v.slice(1).map((x) => x ?? 0))] as const).sort((a, b) => b[1] - a[1]);
console.log('  cold    warm');
for (const [k, cold, warm] of rows) if (cold >= 1 || warm >= 1) console.log(`${cold.toFixed(0).padStart(6)} ${warm.toFixed(0).padStart(6)} ms  ${k}`);
console.log(`findings: ${JSON.parse(findingsJson).length}; CPU ms: the first (cold) run, the median of ${runs} warm runs`);

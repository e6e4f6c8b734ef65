/**
 * Property-based fuzzing at CI size: mutated corpus documents through lint() in a worker, each
 * under a time bound. `npm run fuzz -- --runs 100000` runs the same property longer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOW } from '../helpers/lint';
import { runFuzz } from './fuzz/runner';

/** Thousands of documents in about a minute; FUZZ_RUNS overrides it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);
/**
 * `npm test` fuzzes the same documents every run, so a red build always points at a change, not
 * at luck; FUZZ_SEED picks others, and `npm run fuzz` draws a new seed each run.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_127;
/**
 * A hang never answers, so any bound finds it. The slowest real case (bracket-heavy paragraphs of
 * a few hundred KB) takes 2-8 s alone; on 2 cores shared with the rest of the suite, 3-4 times
 * that. A wall-clock bound close to it would fail on a busy machine, not on a change.
 */
const TIMEOUT_MS = 30_000;

describe('fuzz: mutated corpus documents through lint()', () => {
  it(`${RUNS} documents: no exception, no hang, every range inside its document`, { timeout: 15 * 60_000 }, async () => {
    const report = await runFuzz({ runs: RUNS, seed: SEED, timeoutMs: TIMEOUT_MS, now: NOW });
    assert.equal(report.failed, false, `${report.message}\nseed ${report.seed}; document in ${report.counterexampleFile}`);
    assert.equal(report.runs, RUNS);
    assert.ok(report.findings > 0, 'the mutated documents were linted (findings came back)');
  });
});

describe('fuzz: mutated config files (a cloned repository\'s .incident-docs.yaml) with mutated documents', () => {
  const CONFIG_RUNS = Math.max(1, Math.round(RUNS / 5));
  it(`${CONFIG_RUNS} config and document pairs: no exception, no hang, every range inside its document`, { timeout: 10 * 60_000 }, async () => {
    const report = await runFuzz({ runs: CONFIG_RUNS, seed: SEED, timeoutMs: TIMEOUT_MS, now: NOW, configs: true });
    assert.equal(report.failed, false, `${report.message}\nseed ${report.seed}; case in ${report.counterexampleFile}`);
    assert.equal(report.runs, CONFIG_RUNS);
  });
});

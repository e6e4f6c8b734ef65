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
 * CI fuzzes the same documents every run, so a red build always points at a change, not at luck;
 * FUZZ_SEED picks others, and outside CI each run draws a new seed (printed on failure).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20_261_127 : undefined;
/** Far above any real document (well under a second); only a hang, or a superlinear parse, reaches it. */
const TIMEOUT_MS = 10_000;

describe('fuzz: mutated corpus documents through lint()', () => {
  it(`${RUNS} documents: no exception, no hang, every range inside its document`, { timeout: 15 * 60_000 }, async () => {
    const report = await runFuzz({ runs: RUNS, seed: SEED, timeoutMs: TIMEOUT_MS, now: NOW });
    assert.equal(report.failed, false, `${report.message}\nseed ${report.seed}; document in ${report.counterexampleFile}`);
    assert.equal(report.runs, RUNS);
    assert.ok(report.findings > 0, 'the mutated documents were linted (findings came back)');
  });
});

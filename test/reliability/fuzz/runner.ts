/**
 * Property-based fuzzing of lint(): mutated corpus documents go to a worker thread, each under a
 * time bound. A document that throws, hangs, or yields a range outside itself fails the property;
 * fast-check then shrinks it to the fewest mutations, and the document is written to a file.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { configSeeds, seedDocuments } from './documents';
import { fuzzCase, mutate, mutation, type FuzzCase, type Mutation } from './mutations';
import { lineLengths, rangeProblem } from './ranges';
import type { LintReply, LintRequest } from './worker';

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** Per document: longer than this is a hang. */
  timeoutMs: number;
  now: Date;
  /** Progress, every `every` documents. */
  progress?: (done: number) => void;
  /** Lint each document under a mutated config file too (see configSeeds). */
  configs?: boolean;
}

export interface FuzzReport {
  runs: number;
  seed: number;
  failed: boolean;
  /** fast-check's report: the counterexample, shrunk, and the reason. */
  message: string;
  slowestMs: number;
  findings: number;
  /** Where the failing document was written, if one failed. */
  counterexampleFile?: string;
}

const WORKER_SOURCE = `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))});`;

/** How long a worker may take to load the linter (tsx compiles it): a bound on failure only. */
const STARTUP_TIMEOUT_MS = 120_000;

/** One worker at a time; replaced after a timeout, since a hung worker cannot be asked anything. */
class LintWorker {
  private worker = this.spawn();
  /** Settles once the current worker has loaded the linter (or failed to). */
  private ready = this.whenReady(this.worker);
  private nextId = 0;

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    return worker;
  }

  private replace(): void {
    this.worker = this.spawn();
    this.ready = this.whenReady(this.worker);
  }

  private whenReady(worker: Worker): Promise<string | undefined> {
    return new Promise((resolve) => {
      const done = (problem?: string) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(problem);
      };
      const onMessage = (message: { ready?: boolean }) => message.ready && done();
      const onError = (e: Error) => done(e.stack ?? e.message);
      const onExit = (code: number) => done(`worker exited with code ${code} while loading`);
      const timer = setTimeout(() => done(`the worker did not load the linter within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** Lints one document; its time bound starts once the worker is ready, so start-up never counts as a hang. */
  async lint(request: Omit<LintRequest, 'id'>, timeoutMs: number): Promise<LintReply | 'timeout' | { crashed: string }> {
    const problem = await this.ready;
    if (problem) {
      this.replace();
      return { crashed: problem };
    }
    const id = ++this.nextId;
    const worker = this.worker;
    return new Promise<LintReply | 'timeout' | { crashed: string }>((resolve) => {
      const done = (result: LintReply | 'timeout' | { crashed: string }) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: LintReply) => reply.id === id && done(reply);
      const onError = (e: Error) => done({ crashed: e.stack ?? e.message });
      const onExit = (code: number) => done({ crashed: `worker exited with code ${code}` });
      const timer = setTimeout(() => {
        void worker.terminate();
        this.replace();
        done('timeout');
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...request, id });
    }).then((result) => {
      if (typeof result === 'object' && 'crashed' in result) this.replace();
      return result;
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seeds = seedDocuments();
  if (seeds.length === 0) throw new Error('no corpus documents to fuzz');
  const worker = new LintWorker();
  const seed = options.seed ?? Date.now() % 2 ** 31;
  let slowestMs = 0;
  let findings = 0;
  let done = 0;
  let lastFailure: { text: string; fuzz: FuzzCase } | undefined;
  const configs = configSeeds();
  const noConfig = fc.constant(undefined);
  const configCase: fc.Arbitrary<{ seed: string; mutations: Mutation[] } | undefined> = options.configs
    ? fc.record({ seed: fc.constantFrom(...configs), mutations: fc.array(mutation, { maxLength: 6 }) })
    : noConfig;
  const property = fc.asyncProperty(fuzzCase(seeds), configCase, async (fuzz, config) => {
    const text = mutate(fuzz.seed.text, fuzz.mutations);
    const configText = config && mutate(config.seed, config.mutations);
    const reply = await worker.lint({ path: fuzz.seed.lintPath, text, configText, now: options.now.toISOString() }, options.timeoutMs);
    options.progress?.(++done);
    const fail = (why: string) => {
      lastFailure = { text: configText === undefined ? text : `# config:\n${configText}\n# document:\n${text}`, fuzz };
      throw new Error(why);
    };
    if (reply === 'timeout') fail(`no answer within ${options.timeoutMs} ms (${text.length} characters)`);
    if (typeof reply === 'object' && 'crashed' in reply) fail(`the linting thread died: ${reply.crashed}`);
    const answer = reply as LintReply;
    if (answer.thrown) fail(`lint threw: ${answer.thrown}`);
    slowestMs = Math.max(slowestMs, answer.ms);
    findings += answer.findings!.length;
    const lengths = lineLengths(text);
    for (const f of answer.findings!) {
      if (f.rule === 'doc/internal-error') fail(`internal error: ${f.message}`);
      const problem = rangeProblem(f.range, lengths);
      if (problem) fail(`${f.rule}: ${problem}`);
    }
  });
  try {
    const details = await fc.check(property, { numRuns: options.runs, seed, endOnFailure: true });
    const report: FuzzReport = {
      runs: details.numRuns,
      seed,
      failed: details.failed,
      message: details.failed
        ? `${String((details.errorInstance as Error)?.message ?? details.errorInstance)}\n${fc.defaultReportMessage(details) ?? ''}`
        : `${details.numRuns} documents, no failure`,
      slowestMs,
      findings,
    };
    if (details.failed && lastFailure) {
      report.counterexampleFile = path.join(tmpdir(), `incident-docs-fuzz-${seed}.txt`);
      writeFileSync(report.counterexampleFile, lastFailure.text);
    }
    return report;
  } finally {
    await worker.close();
  }
}

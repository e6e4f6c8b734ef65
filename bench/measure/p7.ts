/**
 * P7: `incident-docs lint` of a 10,000-file repository (bench/gen/repository.ts), whole process,
 * with `--jobs 1` and with the default (one worker per core), and markdownlint-cli2 on the same
 * repository's Markdown files beside our lint of them: runs interleaved so each sees the same load.
 * Wall and CPU time (user + system of every thread, from /usr/bin/time where there is one), and the
 * load average before each run. The two lints' outputs must be byte for byte the same, or there
 * is no figure. Beside them, the machine's own floor for running this work on every core: two
 * `--jobs 1` processes side by side, each on half of the teams' folders (no coordination at all,
 * so no parallel lint here can beat it by much; each half checks its own inventories against each
 * other only, a little less cross-file work than the whole): on a machine whose cores slow each other down
 * (shared caches, memory bandwidth, a virtual machine's vCPUs), that is what 1.7x is measured against.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import type { GeneratedCert } from '../gen/certs';
import { repositoryFiles } from '../gen/repository';
import { summarize, type Summary } from '../lib/stats';
import { canTimeCpu, cpuMsFrom, nodeCommand } from '../lib/cpuTime';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const NOW = '2026-11-27T12:00:00Z';

type Name = 'jobs1' | 'jobsDefault' | 'halves' | 'markdownOurs' | 'markdownlint';
const JOBS_1 = [CLI, 'lint', '--now', NOW, '--format', 'json', '--jobs', '1'];
/** What each name runs; `halves` runs JOBS_1 twice at once, each on half the top-level folders. */
const COMMANDS: Record<Exclude<Name, 'halves'>, string[]> = {
  jobs1: [...JOBS_1, '.'],
  jobsDefault: [CLI, 'lint', '--now', NOW, '--format', 'json', '.'],
  markdownOurs: [CLI, 'lint', '--now', NOW, '--format', 'json', '**/*.md'],
  markdownlint: [MARKDOWNLINT, '**/*.md'],
};

export interface P7Result {
  files: number;
  bytes: number;
  markdownFiles: number;
  cores: number;
  wall: Record<Name, Summary>;
  /** Per round, `--jobs 1`'s wall time over the default jobs' and over the halves' (rounds run their commands back to back). */
  roundSpeedups: { jobsDefault: number; halves: number }[];
  /** Absent without /usr/bin/time. */
  cpu?: Record<Name, Summary>;
  /** 1-minute load average before each round. */
  load: number[];
  findings: number;
}

export async function measureP7(count: number, certs: GeneratedCert[], runs: number): Promise<P7Result> {
  // Outside the repository: bench/.inputs/ is in .gitignore, which a folder walk honours.
  const folder = mkdtempSync(join(tmpdir(), 'incident-docs-bench-p7-'));
  try {
    let bytes = 0;
    let markdownFiles = 0;
    for (const [name, text] of repositoryFiles(count, certs)) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), text);
      bytes += Buffer.byteLength(text);
      if (name.endsWith('.md')) markdownFiles++;
    }
    return { files: count, bytes, markdownFiles, cores: availableParallelism(), ...(await measure(folder, runs)) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measure(folder: string, runs: number): Promise<Pick<P7Result, 'wall' | 'cpu' | 'load' | 'findings' | 'roundSpeedups'>> {
  const names: Name[] = ['jobs1', 'jobsDefault', 'halves', 'markdownOurs', 'markdownlint'];
  const teams = readdirSync(folder).sort();
  const halves = [teams.filter((_, i) => i % 2 === 0), teams.filter((_, i) => i % 2 === 1)];
  const roundSpeedups: P7Result['roundSpeedups'] = [];
  const wall = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const load: number[] = [];
  const cpuFile = canTimeCpu() ? join(folder, '..', `${folder.split('/').pop()}-cpu.txt`) : undefined;
  let findings = 0;
  try {
    // The first round warms the file cache and checks the outputs; it is not counted.
    for (let round = 0; round <= runs; round++) {
      load.push(loadavg()[0]);
      const outputs: Partial<Record<Name, string>> = {};
      // Alternating the order between rounds, so neither side always runs after the other.
      for (const name of round % 2 ? [...names].reverse() : names) {
        const r = name === 'halves' ? await sideBySide(halves.map((h) => [...JOBS_1, ...h]), folder, cpuFile) : await timed(COMMANDS[name], folder, cpuFile, round === 0 && name === 'jobs1');
        if (r.code !== 0 && r.code !== 1) throw new Error(`${name} failed (${r.code}): ${r.stderr.slice(0, 500)}`);
        outputs[name] = r.stdoutHash;
        if (round === 0) {
          if (name === 'jobs1') findings = (JSON.parse(r.stdout!) as unknown[]).length;
          continue;
        }
        wall[name].push(r.ms);
        if (r.cpuMs !== undefined) cpu[name].push(r.cpuMs);
      }
      if (outputs.jobs1 !== outputs.jobsDefault) throw new Error('lint --jobs 1 and the default jobs printed different findings');
      if (round > 0) roundSpeedups.push({ jobsDefault: wall.jobs1.at(-1)! / wall.jobsDefault.at(-1)!, halves: wall.jobs1.at(-1)! / wall.halves.at(-1)! });
    }
  } finally {
    if (cpuFile) rmSync(cpuFile, { force: true });
  }
  load.shift();
  const summaries = (values: Record<Name, number[]>) => Object.fromEntries(names.map((n) => [n, summarize(values[n])])) as Record<Name, Summary>;
  return { wall: summaries(wall), cpu: cpuFile ? summaries(cpu) : undefined, load, findings, roundSpeedups };
}

/** Several processes at once: wall time until the last exits, CPU time summed, outputs hashed together. */
async function sideBySide(commands: string[][], cwd: string, cpuFile: string | undefined): Promise<Timed> {
  const started = performance.now();
  const results = await Promise.all(commands.map((args, i) => timed(args, cwd, cpuFile && `${cpuFile}.${i}`, false)));
  const failed = results.find((r) => r.code !== 0 && r.code !== 1);
  const cpus = results.map((r) => r.cpuMs);
  if (cpuFile) for (let i = 0; i < commands.length; i++) rmSync(`${cpuFile}.${i}`, { force: true });
  return {
    ms: performance.now() - started,
    cpuMs: cpus.every((c) => c !== undefined) ? cpus.reduce((a, b) => a! + b!, 0) : undefined,
    code: failed?.code ?? results[0].code,
    stderr: failed?.stderr ?? '',
    stdoutHash: results.map((r) => r.stdoutHash).join(','),
  };
}

interface Timed {
  ms: number;
  cpuMs?: number;
  code: number | null;
  stderr: string;
  stdoutHash: string;
  /** When asked for. */
  stdout?: string;
}

/** One whole process: wall time here, CPU time from /usr/bin/time; stdout hashed (and kept, when asked). */
function timed(args: string[], cwd: string, cpuFile: string | undefined, keep: boolean): Promise<Timed> {
  const [command, argv] = nodeCommand(args, cpuFile);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const hash = createHash('sha256');
    const kept: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      hash.update(d);
      if (keep) kept.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 10_000) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const cpuMs = cpuMsFrom(cpuFile);
      resolve({ ms, cpuMs, code, stderr, stdoutHash: hash.digest('hex'), stdout: keep ? Buffer.concat(kept).toString('utf8') : undefined });
    });
  });
}

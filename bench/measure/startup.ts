/**
 * Start-up (issue P6): `incident-docs --version` against `node -e 0`, and `incident-docs lint` of
 * the seed post-mortem (20 KB) against markdownlint-cli2 on the same file; whole processes, runs
 * interleaved so each pair sees the same machine load. On a small file the figure is mostly what
 * a process loads before its work. The lint also runs from a copy of dist/cli.js and the shared
 * bundle without the V8 code cache the build writes (contract/src/bundleLoader.ts), as the npm
 * package installs them: with the cache such an install saves in the user's cache folder on its
 * first run (here a folder of the bench's), and with none at all: what the caches save, under the
 * same load. Beside them the floor the design sets: a process that loads remark (with GFM and
 * front matter) and parses the same file (remarkFloor.ts, bundled as the product is, with the code
 * cache its first run saves, as the installed lint). CPU time (user + system, from /usr/bin/time
 * where there is one) moves less with the load than wall time.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAsProduct } from '../lib/bundle';
import { summarize, type Summary } from '../lib/stats';
import { canTimeCpu, cpuMsFrom, nodeCommand } from '../lib/cpuTime';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
/** The seed post-mortem (20 KB), as in the lint figure; the server figure opens it too. */
export const SEED_POSTMORTEM = join(ROOT, 'test', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md');
const SEED = SEED_POSTMORTEM;

type Name = 'version' | 'bareNode' | 'lint' | 'lintInstalled' | 'lintWithoutCache' | 'remarkParse' | 'markdownlint';

export interface StartupResult {
  version: Summary;
  bareNode: Summary;
  lint: Summary;
  /** From a copy without the build's cache, with the one it saves itself. */
  lintInstalled: Summary;
  lintWithoutCache: Summary;
  /** The floor: load remark and parse the file (remarkFloor.ts). */
  remarkParse: Summary;
  markdownlint: Summary;
  /** CPU milliseconds (user + system) per command; absent without /usr/bin/time. */
  cpu?: Record<Name, Summary>;
}

interface Timed {
  ms: number;
  cpuMs?: number;
  code: number | null;
  stderr: string;
}

/** One whole process: wall time here, CPU time from /usr/bin/time when `cpuFile` is given. */
function timed(args: string[], cwd: string, cpuFile?: string, env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const [command, argv] = nodeCommand(args, cpuFile);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const cpuMs = cpuMsFrom(cpuFile);
      resolve({ ms, cpuMs, code, stderr });
    });
  });
}

export async function measureStartup(runs: number): Promise<StartupResult> {
  const names: Name[] = ['bareNode', 'version', 'lint', 'lintInstalled', 'lintWithoutCache', 'remarkParse', 'markdownlint'];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const cwd = join(SEED, '..');
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  // The CLI as it was before the code cache: the same two files, nothing beside them.
  for (const file of ['cli.js', 'incident-docs.js']) copyFileSync(join(ROOT, 'dist', file), join(work, file));
  const remarkFloor = await buildRemarkFloor(work);
  const cpuFile = canTimeCpu() ? join(work, 'cpu.txt') : undefined;
  const lint = ['lint', '--now', '2026-11-27T12:00:00Z', SEED];
  // The first round (not counted) saves the installed copy's own cache.
  const ownCache = { INCIDENT_DOCS_CODE_CACHE_DIR: join(work, 'code-cache') };
  const noCache = { INCIDENT_DOCS_CODE_CACHE_DIR: '' };
  const commands: [Name, string[], NodeJS.ProcessEnv?][] = [
    ['bareNode', ['-e', '0']],
    ['version', [CLI, '--version']],
    ['lint', [CLI, ...lint], noCache],
    ['lintInstalled', [join(work, 'cli.js'), ...lint], ownCache],
    ['lintWithoutCache', [join(work, 'cli.js'), ...lint], noCache],
    ['remarkParse', [remarkFloor, SEED], ownCache],
    ['markdownlint', [MARKDOWNLINT, SEED]],
  ];
  try {
    // Start-up figures are short and noisy: three times the runs of the other figures.
    for (let i = 0; i < 3 * runs + 1; i++) {
      for (const [name, args, env] of commands) {
        const r = await timed(args, cwd, cpuFile, env);
        // A lint exits 1 when it finds something; the floor must exit 0 (it parsed the file).
        const ok = r.code === 0 || (r.code === 1 && name !== 'remarkParse');
        if (!ok) throw new Error(`${name} failed (${r.code}): ${r.stderr}`);
        if (i === 0) continue; // the first round warms the file cache
        times[name].push(r.ms);
        if (r.cpuMs !== undefined) cpu[name].push(r.cpuMs);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const summaries = (of: Record<Name, number[]>) => Object.fromEntries(names.map((n) => [n, summarize(of[n])])) as Record<Name, Summary>;
  return { ...summaries(times), cpu: cpuFile ? summaries(cpu) : undefined };
}

/** remarkFloor.ts bundled as the product's programs are (minified, everything inside), and its process's entry; returns the entry. */
async function buildRemarkFloor(folder: string): Promise<string> {
  const main = join(folder, 'remark-floor-main.js');
  await buildAsProduct(join(__dirname, 'remarkFloor.ts'), join(folder, 'remark-floor.js'));
  await buildAsProduct(join(__dirname, 'remarkFloorMain.ts'), main, ['./remark-floor.js']);
  return main;
}

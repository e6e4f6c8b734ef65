/**
 * Start-up (issue P6): `incident-docs --version` against `node -e 0`, and `incident-docs lint` of
 * the seed post-mortem (20 KB) against markdownlint-cli2 on the same file; whole processes, runs
 * interleaved so each pair sees the same machine load. On a small file the figure is mostly what
 * a process loads before its work.
 */
import { join } from 'node:path';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const SEED = join(ROOT, 'test', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md');

export interface StartupResult {
  version: Summary;
  bareNode: Summary;
  lint: Summary;
  markdownlint: Summary;
}

export async function measureStartup(runs: number): Promise<StartupResult> {
  const times: Record<keyof StartupResult, number[]> = { version: [], bareNode: [], lint: [], markdownlint: [] };
  const cwd = join(SEED, '..');
  const commands: [keyof StartupResult, string[]][] = [
    ['bareNode', ['-e', '0']],
    ['version', [CLI, '--version']],
    ['lint', [CLI, 'lint', '--now', '2026-11-27T12:00:00Z', SEED]],
    ['markdownlint', [MARKDOWNLINT, SEED]],
  ];
  // Start-up figures are short and noisy: three times the runs of the other figures.
  for (let i = 0; i < 3 * runs + 1; i++) {
    for (const [name, args] of commands) {
      const r = await run(process.execPath, args, cwd);
      if (r.code !== 0 && r.code !== 1) throw new Error(`${name} failed (${r.code}): ${r.stderr}`);
      if (i > 0) times[name].push(r.ms); // the first round warms the file cache
    }
  }
  return {
    version: summarize(times.version),
    bareNode: summarize(times.bareNode),
    lint: summarize(times.lint),
    markdownlint: summarize(times.markdownlint),
  };
}

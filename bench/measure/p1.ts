/**
 * P1: `incident-docs lint` vs `markdownlint-cli2` (default rules), each a whole process on the same
 * 1 MB file, runs interleaved so both see the same machine load. Also the 200-file folder (no goal).
 */
import { join } from 'node:path';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const NOW = '2026-11-27T12:00:00Z';

export interface P1Result {
  ours: Summary;
  peer: Summary;
  ourFindings: number;
  peerExit: number | null;
}

export async function measureP1(file: string, runs: number): Promise<P1Result> {
  const ours: number[] = [];
  const peer: number[] = [];
  let ourFindings = 0;
  let peerExit: number | null = null;
  const cwd = join(file, '..');
  for (let i = 0; i < runs + 1; i++) {
    const a = await run(process.execPath, [CLI, 'lint', '--now', NOW, '--format', 'json', file], cwd);
    if (a.code !== 0 && a.code !== 1) throw new Error(`incident-docs lint failed (${a.code}): ${a.stderr}`);
    const b = await run(process.execPath, [MARKDOWNLINT, file], cwd);
    if (b.code !== 0 && b.code !== 1) throw new Error(`markdownlint-cli2 failed (${b.code}): ${b.stderr}`);
    if (i === 0) {
      ourFindings = (JSON.parse(a.stdout) as unknown[]).length;
      peerExit = b.code;
      continue; // the first pair warms the file cache
    }
    ours.push(a.ms);
    peer.push(b.ms);
  }
  return { ours: summarize(ours), peer: summarize(peer), ourFindings, peerExit };
}

export async function measureFolder(folder: string, runs: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = await run(process.execPath, [CLI, 'lint', '--now', NOW, '--quiet', '.'], folder);
    if (r.code !== 0 && r.code !== 1) throw new Error(`incident-docs lint of the folder failed (${r.code}): ${r.stderr}`);
    if (/No files checked/.test(r.stdout)) throw new Error('incident-docs lint of the folder checked no file: the figure would mean nothing');
    if (i > 0) times.push(r.ms);
  }
  return summarize(times);
}

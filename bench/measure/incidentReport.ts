/**
 * `incident-docs report` on a folder of 5,000 generated post-mortems, the whole process (read,
 * lint, records, the three files with the page's charts), with the machine's load beside it: on a
 * shared machine the figure means little without it. The folder is written outside the repository:
 * bench/.inputs/ is in .gitignore, and a folder walk honours it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { incidentFiles } from '../gen/incidents';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const NOW = '2026-11-27T12:00:00Z';

export interface ReportResult {
  wall: Summary;
  /** The 1-minute load average before each run. */
  load: number[];
  postmortems: number;
}

export async function measureReport(count: number, runs: number): Promise<ReportResult> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-docs-bench-incidents-'));
  try {
    for (const [name, text] of incidentFiles(count)) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), text);
    }
    return await measure(folder, runs);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measure(folder: string, runs: number): Promise<ReportResult> {
  const times: number[] = [];
  const load: number[] = [];
  let postmortems = 0;
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'incident-docs-bench-report-'));
    try {
      load.push(loadavg()[0]);
      const r = await run(process.execPath, [CLI, 'report', '.', '--out', out, '--now', NOW], folder);
      if (r.code !== 0) throw new Error(`incident-docs report failed (${r.code}): ${r.stderr.slice(0, 500)}`);
      postmortems = Number(/: (\d+) post-mortems?\./.exec(r.stdout)?.[1] ?? 0);
      times.push(r.ms);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return { wall: summarize(times), load, postmortems };
}

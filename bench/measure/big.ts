/**
 * P6: a 5 MB post-mortem just under maxFileSizeBytes (test/helpers/bigPostmortem.ts: a timeline
 * table of ~117,000 rows). The CLI as a whole process (wall time, peak RSS), and the real server
 * as an editor starts it (SERVER_NODE_FLAGS, the default time budget): didOpen → diagnostics, then
 * one-character edits in timeline rows → diagnostics, and its RSS.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../contract/src/nodeFlags';
import { LspTestClient } from '../../test/helpers/lspClient';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const PEAK_RSS = join(__dirname, 'peakRss.cjs');
const NOW = '2026-11-27T12:00:00Z';
/** Far past any figure worth reporting; reaching it is a failure of the figure. */
const TIMEOUT_MS = 600_000;

export interface BigCliResult {
  wall: Summary;
  peakRssMb: Summary;
  findings: number;
}

export async function measureBigCli(file: string, runs: number): Promise<BigCliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-docs-bench-'));
  try {
    const walls: number[] = [];
    const peaks: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const rssFile = join(dir, `rss-${i}`);
      process.env.BENCH_PEAK_RSS_FILE = rssFile;
      const r = await run(process.execPath, ['--require', PEAK_RSS, CLI, 'lint', '--now', NOW, '--format', 'json', file], join(file, '..'));
      delete process.env.BENCH_PEAK_RSS_FILE;
      if (r.code !== 0 && r.code !== 1) throw new Error(`incident-docs lint failed (${r.code}): ${r.stderr.slice(0, 300)}`);
      findings = (JSON.parse(r.stdout) as unknown[]).length;
      walls.push(r.ms);
      peaks.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
    }
    return { wall: summarize(walls), peakRssMb: summarize(peaks), findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BigServerResult {
  /** didOpen → first diagnostics (ms). */
  open: number;
  /** One-character edit → its diagnostics (ms), each edit after the previous one's diagnostics. */
  edits: Summary;
  /** Whether the default time budget stopped a version (its one doc/too-large diagnostic). */
  budgetHit: boolean;
  /** Server RSS after the last edit's diagnostics, and its peak (MB). */
  rssMb: number;
  peakRssMb: number;
}

export async function measureBigServer(file: string, edits: number): Promise<BigServerResult> {
  const client = await LspTestClient.start({
    nodeArgs: SERVER_NODE_FLAGS,
    capabilities: { workspace: { configuration: true }, textDocument: { synchronization: {}, publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW } },
    configuration: (params) => params.items.map(() => ({ debounceMs: 0 })),
  });
  try {
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const rows = lines.map((line, n) => ({ line, n })).filter(({ line }) => line.startsWith('| 2026-'));
    let budgetHit = false;
    const started = performance.now();
    await client.open(uri, text, 'markdown', 1);
    const first = await client.waitForDiagnostics(uri, { version: 1, timeoutMs: TIMEOUT_MS });
    const open = performance.now() - started;
    budgetHit ||= first.diagnostics.some((d) => d.code === 'doc/too-large');
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      // A character typed into the event text of rows spread over the timeline.
      const { n } = rows[Math.floor(((i + 0.5) / edits) * rows.length)];
      const at = lines[n].lastIndexOf(' |');
      const mark = client.mark();
      const editStarted = performance.now();
      await client.edit(uri, i + 2, { start: { line: n, character: at }, end: { line: n, character: at } }, 'x');
      const published = await client.waitForDiagnostics(uri, { version: i + 2, after: mark, timeoutMs: TIMEOUT_MS });
      times.push(performance.now() - editStarted);
      budgetHit ||= published.diagnostics.some((d) => d.code === 'doc/too-large');
      lines[n] = lines[n].slice(0, at) + 'x' + lines[n].slice(at);
    }
    const status = readFileSync(`/proc/${(client as unknown as { process: { pid: number } }).process.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { open, edits: summarize(times), budgetHit, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } finally {
    await client.stop();
  }
}

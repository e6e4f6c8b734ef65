/**
 * P6: documents just under maxFileSizeBytes (bench/inputs.ts: post-mortems whose timeline is a
 * pipe table or a list, a mixed one with an HTML table, an inventory). The CLI as a whole process
 * (wall time, CPU time, peak RSS), and the real server as an editor starts it (SERVER_NODE_FLAGS,
 * the default time budget): didOpen → diagnostics, then one-character edits → diagnostics, and all
 * the while hovers on a small open document, one after another: how long a request waits behind
 * the lint. And in-process, the longest step the server cannot interrupt.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities } from 'vscode-languageserver/node';
import { SERVER_NODE_FLAGS } from '../../contract/src/nodeFlags';
import type { BundledCore } from '../lib/bundle';
import { LspTestClient } from '../../test/helpers/lspClient';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const PEAK_RSS = join(__dirname, 'peakRss.cjs');
const NOW = '2026-11-27T12:00:00Z';
/** Far past any figure worth reporting; reaching it is a failure of the figure. */
const TIMEOUT_MS = 600_000;
const SMALL_TEXT = '# Post-mortem: small\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 10:00 UTC | start |\n| 10:05 UTC | end |\n';
const SETTINGS = { debounceMs: 0 };
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { synchronization: {}, publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
};

export interface BigCliResult {
  wall: Summary;
  /** User + system CPU time of the process (ms): what other processes on a busy machine do not change much. */
  cpu: Summary;
  peakRssMb: Summary;
  findings: number;
}

export async function measureBigCli(file: string, runs: number): Promise<BigCliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-docs-bench-'));
  try {
    const walls: number[] = [];
    const cpus: number[] = [];
    const peaks: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const usageFile = join(dir, `usage-${i}`);
      process.env.BENCH_PEAK_RSS_FILE = usageFile;
      const r = await run(process.execPath, ['--require', PEAK_RSS, CLI, 'lint', '--now', NOW, '--format', 'json', file], join(file, '..'));
      delete process.env.BENCH_PEAK_RSS_FILE;
      if (r.code !== 0 && r.code !== 1) throw new Error(`incident-docs lint failed (${r.code}): ${r.stderr.slice(0, 300)}`);
      findings = (JSON.parse(r.stdout) as unknown[]).length;
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
      walls.push(r.ms);
      cpus.push((usage.userCPUTime + usage.systemCPUTime) / 1000);
      peaks.push(usage.maxRSS / 1024);
    }
    return { wall: summarize(walls), cpu: summarize(cpus), peakRssMb: summarize(peaks), findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BigServerResult {
  /** didOpen → first diagnostics (ms). */
  open: number;
  /** The server's CPU time (user + system, ms) from didOpen to the first diagnostics, hovers answered meanwhile included. */
  openCpu: number;
  /** One-character edit → its diagnostics (ms), each edit after the previous one's diagnostics. */
  edits: Summary;
  /** Hovers on a small document sent one after another while the big one was linted: each round trip (ms). */
  requests: Summary;
  /** Whether the default time budget stopped a version (its one doc/too-large diagnostic). */
  budgetHit: boolean;
  /** Server RSS after the last edit's diagnostics, and its peak (MB). */
  rssMb: number;
  peakRssMb: number;
}

/** Where to type: the lines worth editing, and the column to type at in one of them. */
export interface EditPlace {
  line: (text: string) => boolean;
  column: (text: string) => number;
}

export async function measureBigServer(file: string, languageId: string, edits: number, place: EditPlace): Promise<BigServerResult> {
  const client = await LspTestClient.start({
    nodeArgs: SERVER_NODE_FLAGS,
    capabilities: CAPABILITIES,
    initializationOptions: { incidentDocs: { ...SETTINGS, now: NOW } },
    configuration: (params) => params.items.map(() => SETTINGS),
  });
  try {
    const small = pathToFileURL(join(file, '..', 'postmortems', 'small.md')).href;
    await client.open(small, SMALL_TEXT);
    await client.waitForDiagnostics(small, { version: 1, timeoutMs: TIMEOUT_MS });
    const probe = (until: Promise<unknown>) => hoversUntil(client, small, until);

    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const editable = lines.map((line, n) => ({ line, n })).filter(({ line }) => place.line(line));
    let budgetHit = false;
    const waits: number[] = [];
    const pid = (client as unknown as { process: { pid: number } }).process.pid;
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    await client.open(uri, text, languageId, 1);
    const opened = client.waitForDiagnostics(uri, { version: 1, timeoutMs: TIMEOUT_MS });
    waits.push(...(await probe(opened)));
    const first = await opened;
    const open = performance.now() - started;
    const openCpu = cpuMs(pid) - cpuBefore;
    budgetHit ||= first.diagnostics.some((d) => d.code === 'doc/too-large');
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      // A character typed into lines spread over the document.
      const { n } = editable[Math.floor(((i + 0.5) / edits) * editable.length)];
      const at = place.column(lines[n]);
      const mark = client.mark();
      const editStarted = performance.now();
      await client.edit(uri, i + 2, { start: { line: n, character: at }, end: { line: n, character: at } }, 'x');
      const edited = client.waitForDiagnostics(uri, { version: i + 2, after: mark, timeoutMs: TIMEOUT_MS });
      waits.push(...(await probe(edited)));
      const published = await edited;
      times.push(performance.now() - editStarted);
      budgetHit ||= published.diagnostics.some((d) => d.code === 'doc/too-large');
      lines[n] = lines[n].slice(0, at) + 'x' + lines[n].slice(at);
    }
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { open, openCpu, edits: summarize(times), requests: summarize(waits), budgetHit, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } finally {
    await client.stop();
  }
}

/** A process's CPU time so far (user + system, ms), from /proc (in clock ticks, 100 a second on Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Hovers on `uri`, each sent when the one before is answered, until `until` settles; their round trips (ms). */
async function hoversUntil(client: LspTestClient, uri: string, until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  until.then(
    () => (settled = true),
    () => (settled = true),
  );
  const waits: number[] = [];
  while (!settled) {
    const sent = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 4 } });
    waits.push(performance.now() - sent);
  }
  return waits;
}

export interface LongestStep {
  /**
   * CPU time of the longest step of the analysis and the lint (ms): the longest a request waits
   * behind them, past the current slice. The main thread's where Linux tells it (V8's helper
   * threads mark and sweep beside it without holding up a request), else the process's.
   */
  cpuMs: number;
  /** The process's CPU time in that step (ms), the helper threads' included. */
  processCpuMs: number;
  /** Where it was: "parse" (the model) or the rule's id. */
  where: string;
  steps: number;
  /** The longest step of each place (the parse, each rule), longest first; `steps`: how many it took. */
  byPlace: { where: string; cpuMs: number; processCpuMs: number; steps: number }[];
}

/**
 * The longest step of analyzeSteps + lintSteps in-process (the bundled core), on a warm run as in
 * a server that has linted before: what the server cannot interrupt. `warmRuns` > 1 keeps each
 * place's longest over that many warm runs (garbage collection lands in one step or another).
 */
export function measureLongestStep(core: BundledCore, file: string, warmRuns = 1): LongestStep {
  const text = readFileSync(file, 'utf8');
  const config = { ...core.defaultConfig(), maxFileSizeBytes: Number.MAX_SAFE_INTEGER };
  const document = { uri: pathToFileURL(file).href, path: file, text };
  const places = new Map<string, { cpuMs: number; processCpuMs: number; steps: number }>();
  let longest = { cpuMs: 0, processCpuMs: 0, where: '', steps: 0 };
  const once = (record: boolean): void => {
    let steps = 0;
    const counted = new Map<string, number>();
    const drive = <T>(run: Generator<void, T, void>, where: () => string): T => {
      for (;;) {
        const before = process.cpuUsage();
        const threadBefore = mainThreadCpuMs();
        const started = performance.now();
        const next = run.next();
        const wall = performance.now() - started;
        const threadUsed = mainThreadCpuMs() - threadBefore;
        const used = process.cpuUsage(before);
        const processCpuMs = (used.user + used.system) / 1000;
        // The kernel counts a thread's time at its ticks (4 ms at 250 Hz): a step never took more than its wall time.
        const cpuMs = Number.isNaN(threadUsed) ? processCpuMs : Math.min(threadUsed, wall);
        steps++;
        const at = where();
        counted.set(at, (counted.get(at) ?? 0) + 1);
        if (record) {
          if (cpuMs > longest.cpuMs) longest = { cpuMs, processCpuMs, where: at, steps: 0 };
          const place = places.get(at);
          if (!place || cpuMs > place.cpuMs) places.set(at, { cpuMs, processCpuMs, steps: 0 });
        }
        if (next.done) return next.value;
      }
    };
    const analysis = drive(core.analyzeSteps(document, config), () => 'parse');
    const progress: { rule?: string } = {};
    drive(core.lintSteps(analysis, { now: new Date(NOW) }, undefined, progress), () => progress.rule ?? 'the end of the lint');
    if (record) {
      longest.steps = steps;
      for (const [at, place] of places) place.steps = counted.get(at) ?? 0;
    }
  };
  once(false);
  for (let i = 0; i < warmRuns; i++) once(true);
  const byPlace = [...places].map(([where, p]) => ({ where, ...p })).sort((a, b) => b.cpuMs - a.cpuMs);
  return { ...longest, byPlace };
}

/** The calling thread's CPU time so far (ms), from Linux's schedstat (nanoseconds); NaN elsewhere. */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

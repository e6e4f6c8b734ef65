/**
 * P3 and the server half of P5: the real server (dist/server.js) over stdio, as an editor drives it.
 * Debounce is 0, so the latency is the server's own work: didChange sent → publishDiagnostics for
 * that version received. Edits are sent one at a time (each waits for its diagnostics).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Range } from 'vscode-languageserver/node';
import { SERVER_NODE_FLAGS } from '../../contract/src/nodeFlags';
import { LspTestClient } from '../../test/helpers/lspClient';
import { Random } from '../lib/random';
import { summarize, type Summary } from '../lib/stats';

const SETTINGS = { debounceMs: 0 };
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { synchronization: {}, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
};

export interface EditLatency {
  latency: Summary;
  /** Time from didOpen to the whole document's diagnostics. */
  open: number;
  /** Time from didOpen to the diagnostics of its first lines, when they come first (a large inventory). */
  firstLines?: number;
  diagnostics: number;
  /** Server resident set after the whole document's diagnostics (MB). */
  rssMb: number;
}

async function start(): Promise<LspTestClient> {
  return LspTestClient.start({
    // As an editor runs it: the VS Code client starts the server with these flags.
    nodeArgs: SERVER_NODE_FLAGS,
    capabilities: CAPABILITIES,
    initializationOptions: { incidentDocs: { ...SETTINGS, now: '2026-11-27T12:00:00Z' } },
    configuration: (params) => params.items.map(() => SETTINGS),
  });
}

function rssMb(client: LspTestClient): number {
  const pid = (client as unknown as { process: { pid: number } }).process.pid;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** One edit: the range to replace and its new text, given the current text. */
type EditMaker = (text: string, i: number) => { range: Range; text: string };

async function drive(file: string, languageId: string, edits: number, makeEdit: EditMaker): Promise<EditLatency> {
  const client = await start();
  try {
    const uri = pathToFileURL(file).href;
    let text = readFileSync(file, 'utf8');
    let version = 1;
    const opened = performance.now();
    await client.open(uri, text, languageId, version);
    // A large inventory's first lines are published first (AnalysisCache.preview), then the whole's.
    const shown = await client.waitForDiagnostics(uri, { version, preview: true, timeoutMs: 60_000 });
    const firstLines = client.previews.has(shown) ? performance.now() - opened : undefined;
    const first = await client.waitForDiagnostics(uri, { version, timeoutMs: 60_000 });
    const open = performance.now() - opened;
    const rss = rssMb(client);
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const edit = makeEdit(text, i);
      version++;
      const mark = client.mark();
      const started = performance.now();
      await client.edit(uri, version, edit.range, edit.text);
      await client.waitForDiagnostics(uri, { version, after: mark, timeoutMs: 60_000 });
      times.push(performance.now() - started);
      text = applyEdit(text, edit.range, edit.text);
    }
    return { latency: summarize(times), open, firstLines, diagnostics: first.diagnostics.length, rssMb: rss };
  } finally {
    await client.stop();
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function applyEdit(text: string, range: Range, newText: string): string {
  const starts = lineStarts(text);
  const at = (p: Range['start']) => starts[p.line] + p.character;
  return text.slice(0, at(range.start)) + newText + text.slice(at(range.end));
}

/** Typing in the 20 KB post-mortem: a word into prose, a timeline time changed, an action item edited, in turn. */
export function measurePostmortemEdits(file: string, edits: number): Promise<EditLatency> {
  const r = new Random(5);
  return drive(file, 'markdown', edits, (text, i) => {
    const lines = text.split('\n');
    const candidates = lines
      .map((l, n) => ({ l, n }))
      .filter(({ l }) => (i % 3 === 0 ? /^[A-Z][a-z]/.test(l) : i % 3 === 1 ? /^\| 2026-/.test(l) : /\(OPS-\d+\)/.test(l)));
    const { l, n } = r.pick(candidates.length ? candidates : [{ l: lines[0], n: 0 }]);
    if (i % 3 === 1) {
      const m = /\d\d:\d\d/.exec(l)!;
      const minute = String(r.int(0, 59)).padStart(2, '0');
      return { range: { start: { line: n, character: m.index + 3 }, end: { line: n, character: m.index + 5 } }, text: minute };
    }
    const col = Math.min(l.length, r.int(1, 20));
    return { range: { start: { line: n, character: col }, end: { line: n, character: col } }, text: r.pick(['x', ' ', 'e', 'a']) };
  });
}

/** One-line edits inside the 5,000-entry inventory: an entry's expires date or owner, entries spread over the file. */
export function measureInventoryEdits(file: string, edits: number): Promise<EditLatency> {
  const r = new Random(9);
  return drive(file, 'yaml', edits, (text, i) => {
    const lines = text.split('\n');
    const key = i % 2 === 0 ? 'expires' : 'owner';
    let n = r.int(0, lines.length - 1);
    while (!lines[n].startsWith(`    ${key}: `)) n = (n + 1) % lines.length;
    const start = `    ${key}: `.length;
    const value = key === 'expires' ? `2027-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : `${r.pick(['edge', 'data', 'search'])}-team@example.com`;
    return { range: { start: { line: n, character: start }, end: { line: n, character: lines[n].length } }, text: value };
  });
}

/**
 * P6's server figure: a fresh server process per run, from its spawn to the first
 * publishDiagnostics of the opened file (initialize and initialized in between, as an editor
 * sends them). The seed post-mortem is small: the figure is mostly the server's own start.
 */
export async function measureFirstDiagnostics(file: string, languageId: string, runs: number): Promise<Summary> {
  const times: number[] = [];
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  for (let i = 0; i < runs + 1; i++) {
    const spawned = performance.now();
    const client = await start();
    try {
      await client.open(uri, text, languageId, 1);
      const first = await client.waitForDiagnostics(uri, { version: 1, timeoutMs: 60_000 });
      // An empty publish would time something other than a lint (the seed has findings).
      if (first.diagnostics.length === 0) throw new Error(`the server published no findings for ${file}: the figure would mean nothing`);
      // The first run warms the file cache, as in the other whole-process figures.
      if (i > 0) times.push(performance.now() - spawned);
    } finally {
      await client.stop();
    }
  }
  return summarize(times);
}

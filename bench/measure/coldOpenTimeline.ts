/**
 * One cold open of a file in code-server, as a timeline across the page, the extension host and
 * the language server (a diagnostic, not a benchmark row). Every Node process code-server starts
 * loads timelinePreload.cjs (NODE_OPTIONS), which logs epoch timestamps: process start, the
 * extension's and the server's bundles required, activate(), the server forked, the server's first
 * LSP messages each way; with TL_PROFILE=ms it also writes CPU profiles of the extension host and
 * the server for that long. The page logs the Enter keydown and the first squiggle painted.
 *   node esbuild.mjs --production && TL_DIR=/tmp/timeline node --import tsx bench/measure/coldOpenTimeline.ts [postmortem|inventory] [--later]
 * (--later: after a first start that saved the code caches, with its global storage only;
 * TL_OPEN_DURING_READ=1: the open waits for the Certificates view's read to reach the server;
 * TL_PAGE_PROFILE=1: the page's CPU profile from the Enter to the last paint; with any profile, what
 * each process ran between the timeline's marks: Enter, didOpen, first publish, the paints, the
 * TL_TOP_N functions of each; TL_NO_STATUS=1: the inventory's open does not wait for the status bar)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startWorkbench } from '../../test/vscode/launcher/workbench';
import { LARGE_INPUT_LIMIT, writeInputs } from '../inputs';
import { coldOpen, firstLines, reportedActivation, STATUS_ITEM } from './editor';
import { profilePage, selfTimes, type PageProfile, type Profile } from './profileWindows';
import { installProbe, lastKeydown } from './workbenchProbe';

const ROOT = path.join(__dirname, '..', '..');

async function main(): Promise<void> {
  const which = process.argv.includes('inventory') ? 'inventory' : 'postmortem';
  const out = process.env.TL_DIR ?? path.join(tmpdir(), 'timeline');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const inputs = writeInputs();
  const root = mkdtempSync(path.join(tmpdir(), 'bench-timeline-'));
  try {
    await timeline(root, out, inputs.invStale, inputs.pmSmall, which);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const events = readFileSync(path.join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: number; role: string; ev: string; pid?: number } & Record<string, unknown>);
  events.sort((a, b) => a.t - b.t);
  const enter = events.find((e) => e.ev === 'enter')!.t;
  for (const e of events.filter((e) => e.role !== 'other')) {
    const { t, role, ev, pid, ...rest } = e;
    process.stdout.write(`${String(Math.round(t - enter)).padStart(8)}  ${role.padEnd(10)} ${String(pid ?? '').padEnd(7)} ${ev} ${JSON.stringify(rest).slice(0, 160)}\n`);
  }
  printProfileWindows(out, events);
}

/** Self time per process between the timeline's marks, from the profiles in `out` (the page's, TL_PROFILE's). */
function printProfileWindows(out: string, events: ({ t: number; role: string; ev: string; pid?: number } & Record<string, unknown>)[]): void {
  const profiles: { name: string; offset: number; profile: Profile }[] = [];
  const pageFile = path.join(out, 'page.json');
  if (existsSync(pageFile)) profiles.push({ name: 'page', ...(JSON.parse(readFileSync(pageFile, 'utf8')) as PageProfile) });
  for (const file of readdirSync(out).filter((f) => f.endsWith('.cpuprofile'))) {
    const pid = Number(/-(\d+)\.cpuprofile$/.exec(file)?.[1]);
    const start = events.find((e) => e.pid === pid && e.ev === 'preload');
    if (start) profiles.push({ name: `${start.role} ${file}`, offset: start.t - Number(start.hr) / 1000, profile: JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Profile });
  }
  const mark = (label: string, test: (e: (typeof events)[number]) => boolean) => {
    const e = events.find(test);
    return e ? [{ label, t: e.t }] : [];
  };
  const marks = [
    ...mark('enter', (e) => e.ev === 'enter'),
    ...mark('didOpen', (e) => e.ev === 'in' && e.method === 'textDocument/didOpen'),
    ...mark('first publish', (e) => e.ev === 'out' && e.method === 'textDocument/publishDiagnostics'),
    ...mark('text', (e) => e.ev === 'text-painted'),
    ...mark('squiggle', (e) => e.ev === 'squiggle-painted'),
    ...mark('lens', (e) => e.ev === 'lens-painted'),
    ...mark('status', (e) => e.ev === 'status-painted'),
  ].sort((a, b) => a.t - b.t);
  for (const { name, offset, profile } of profiles) {
    for (let i = 0; i + 1 < marks.length; i++) {
      const top = selfTimes(profile, offset, marks[i].t, marks[i + 1].t);
      const total = top.reduce((n, f) => n + f.ms, 0);
      process.stdout.write(`\n== ${name}: ${marks[i].label} → ${marks[i + 1].label} (${Math.round(marks[i + 1].t - marks[i].t)} ms; ${Math.round(total)} ms sampled)\n`);
      for (const f of top.slice(0, Number(process.env.TL_TOP_N ?? 10))) process.stdout.write(`${String(Math.round(f.ms)).padStart(6)}  ${f.name}\n`);
    }
  }
}

/** Runs the cold open (after a first start, with --later) in a workspace made in `root`; the events go to `out`. */
async function timeline(root: string, out: string, inventory: string, postmortem: string, which: string): Promise<void> {
  const folder = path.join(root, 'workspace');
  mkdirSync(path.join(folder, 'postmortems'), { recursive: true });
  writeFileSync(path.join(folder, 'cert-inventory.yaml'), readFileSync(inventory));
  writeFileSync(path.join(folder, '.incident-docs.yaml'), `maxFileSizeBytes: ${LARGE_INPUT_LIMIT}\n`);
  writeFileSync(path.join(folder, 'postmortems', 'postmortem-20kb.md'), readFileSync(postmortem));
  const pmText = readFileSync(postmortem, 'utf8');
  const settings = { 'editor.minimap.enabled': false };
  let userDataDir: string | undefined;
  if (process.argv.includes('--later')) {
    // A first start that saves the code caches; the timed one gets its global storage only.
    const first = path.join(root, 'first-user-data');
    const warm = await startWorkbench({ folder, extensionDevelopmentPaths: [ROOT], settings, userDataDir: first });
    try {
      await warm.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cert-inventory.yaml' }).waitFor({ timeout: 120_000 });
      await installProbe(warm.page);
      await coldOpen(warm.page, 'postmortem-20kb.md', { squiggle: 'b.anySquiggle()' }, pmText.split('\n').findIndex((l) => l.includes(' 25:')) + 1);
      const storage = path.join(first, 'User', 'globalStorage', 'incident-docs.incident-docs');
      const caches = ['server-code-cache/incident-docs.js.v8-cache', 'extension-code-cache/extension-main.js.v8-cache'].map((f) => path.join(storage, f));
      while (!caches.every((f) => existsSync(f))) await warm.page.waitForTimeout(100);
      userDataDir = path.join(root, 'later-user-data');
      cpSync(storage, path.join(userDataDir, 'User', 'globalStorage', 'incident-docs.incident-docs'), { recursive: true });
    } finally {
      await warm.close();
    }
  }
  process.env.NODE_OPTIONS = `--require ${path.join(__dirname, 'timelinePreload.cjs')}`;
  process.env.TL_DIR = out;
  process.env.TL_ROOT = ROOT;
  const workbench = await startWorkbench({ folder, extensionDevelopmentPaths: [ROOT], settings, userDataDir });
  delete process.env.NODE_OPTIONS;
  const log = (ev: string, t: number) => writeFileSync(path.join(out, 'events.jsonl'), JSON.stringify({ role: 'page', ev, t }) + '\n', { flag: 'a' });
  try {
    const page = workbench.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cert-inventory.yaml' }).waitFor({ timeout: 120_000 });
    await installProbe(page);
    const origin = Number(await page.evaluate('performance.timeOrigin'));
    const name = which === 'inventory' ? 'cert-inventory.yaml' : 'postmortem-20kb.md';
    const line = which === 'inventory' ? undefined : pmText.split('\n').findIndex((l) => l.includes(' 25:')) + 1;
    // The file's first lines painted, as coldOpen waits for them: the squiggle cannot come before.
    const waits: Record<string, string> = {
      lines: firstLines(name),
      squiggle: 'b.anySquiggle()',
    };
    if (which === 'inventory') Object.assign(waits, { lens: "b.lens('Expire')", ...(process.env.TL_NO_STATUS ? {} : { status: `${STATUS_ITEM}?.textContent.includes(':') ?? false` }) });
    // TL_OPEN_DURING_READ: the open waits until the Certificates view's read of the workspace has
    // reached the server, so it comes during that read (the order a cold open takes when VS Code's
    // file search is quick; readsInFlight.ts).
    if (process.env.TL_OPEN_DURING_READ) await readStarted(path.join(out, 'events.jsonl'), page);
    const stopProfile = process.env.TL_PAGE_PROFILE ? await profilePage(page) : undefined;
    const times = await coldOpen(page, name, waits, line);
    if (stopProfile) writeFileSync(path.join(out, 'page.json'), JSON.stringify(await stopProfile()));
    const enter = await lastKeydown(page, 'Enter');
    log('enter', origin + enter);
    log('text-painted', origin + enter + times.lines);
    log('squiggle-painted', origin + enter + times.squiggle);
    if (times.lens !== undefined) log('lens-painted', origin + enter + times.lens);
    if (times.status !== undefined) log('status-painted', origin + enter + times.status);
    process.stdout.write(`${name}: squiggle ${Math.round(times.squiggle)} ms\n`);
    process.stdout.write(`activation as VS Code reports it: ${await reportedActivation(page)} ms\n`);
    await page.waitForTimeout(Number(process.env.TL_PROFILE ?? 0) + 1000);
  } finally {
    await workbench.close();
  }
}

/** Once the server has logged the Certificates view's first read (timelinePreload.cjs). */
async function readStarted(eventsFile: string, page: Page): Promise<void> {
  const read = /"ev":"in"[^\n]*"method":"incidentDocs\/inventoryEntries"/;
  for (let i = 0; !(existsSync(eventsFile) && read.test(readFileSync(eventsFile, 'utf8'))); i++) {
    if (i > 1200) throw new Error('the Certificates view never read the workspace');
    await page.waitForTimeout(50);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

/**
 * The editor bench's keystrokes as a timeline across the page, the extension host and the language
 * server (a diagnostic, not a benchmark row): every LSP message each way (timelinePreload.cjs with
 * TL_ALL), each keystroke's keydown and the frame that painted its squiggle state, so a slow
 * keystroke shows what the server was asked and answered meanwhile. With TL_PROFILE=until-stop,
 * CPU profiles of the extension host and the server, and what each ran during each keystroke
 * (TL_BEFORE=ms: and in that long before the first). TL_WS: the page's WebSocket frames of at
 * least TL_WS_MIN bytes (1,000); TL_NO_INV: the inventory's first 2 KB only (is a slow keystroke
 * the large inventory's read?); TL_TOP: every process's CPU during each keystroke (procCpu.ts).
 * The extension host logs each edit and diagnostics change.
 *   node esbuild.mjs --production && node --import tsx bench/measure/keystrokeTimeline.ts [inventory|postmortem]
 */
import type { Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startWorkbench } from '../../test/vscode/launcher/workbench';
import { LARGE_INPUT_LIMIT, writeInputs } from '../inputs';
import { coldOpen, expiredDateTarget, impossibleTimeTarget, toggleKeystrokes } from './editor';
import { ProcCpu } from './procCpu';
import { profilePage, selfTimes, type PageProfile, type Profile } from './profileWindows';
import { installProbe } from './workbenchProbe';

const ROOT = path.join(__dirname, '..', '..');

interface Event {
  t: number;
  role: string;
  ev: string;
  pid?: number;
  [k: string]: unknown;
}

async function main(): Promise<void> {
  const which = process.argv.includes('postmortem') ? 'postmortem' : 'inventory';
  const out = process.env.TL_DIR ?? path.join(tmpdir(), 'keystroke-timeline');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const inputs = writeInputs();
  const root = mkdtempSync(path.join(tmpdir(), 'bench-keys-'));
  const folder = path.join(root, 'workspace');
  mkdirSync(path.join(folder, 'postmortems'), { recursive: true });
  const invText = readFileSync(inputs.invStale, 'utf8');
  const pmText = readFileSync(inputs.pmSmall, 'utf8');
  writeFileSync(path.join(folder, 'cert-inventory.yaml'), process.env.TL_NO_INV ? invText.slice(0, invText.indexOf('\n', 2000) + 1) : invText);
  writeFileSync(path.join(folder, '.incident-docs.yaml'), `maxFileSizeBytes: ${LARGE_INPUT_LIMIT}\n`);
  writeFileSync(path.join(folder, 'postmortems', 'postmortem-20kb.md'), pmText);
  process.env.NODE_OPTIONS = `--require ${path.join(__dirname, 'timelinePreload.cjs')}`;
  process.env.TL_DIR = out;
  process.env.TL_ROOT = ROOT;
  process.env.TL_ALL = '1';
  // With TL_WS: every WebSocket frame between the page and code-server (what the extension host sends the page).
  const frames: Event[] = [];
  const onPage = process.env.TL_WS
    ? (p: Page) =>
        p.on('websocket', (ws) => {
          const record = (dir: string) => ({ payload }: { payload: string | Buffer }) => frames.push({ t: Date.now(), role: 'ws', ev: dir, bytes: payload.length });
          ws.on('framereceived', record('to page'));
          ws.on('framesent', record('from page'));
        })
    : undefined;
  const procCpu = process.env.TL_TOP ? new ProcCpu() : undefined;
  const workbench = await startWorkbench({ folder, extensionDevelopmentPaths: [ROOT], settings: { 'editor.minimap.enabled': false }, onPage });
  delete process.env.NODE_OPTIONS;
  const page = workbench.page;
  const marks: Event[] = [];
  let pageProfile: PageProfile | undefined;
  try {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cert-inventory.yaml' }).waitFor({ timeout: 120_000 });
    await installProbe(page);
    const origin = Number(await page.evaluate('performance.timeOrigin'));
    const target = which === 'inventory' ? expiredDateTarget(invText) : impossibleTimeTarget(pmText);
    const name = which === 'inventory' ? 'cert-inventory.yaml' : 'postmortem-20kb.md';
    const open = await coldOpen(page, name, { squiggle: 'b.anySquiggle()' }, which === 'inventory' ? undefined : target.line);
    process.stdout.write(`open → squiggle ${Math.round(open.squiggle)} ms\n`);
    const stopProfile = process.env.TL_PROFILE ? await profilePage(page) : undefined;
    const times = await toggleKeystrokes(page, target);
    if (stopProfile) pageProfile = await stopProfile();
    const keys = (await page.evaluate('window.__bench.keys')) as { key: string; t: number }[];
    const digits = keys.filter((k) => k.key === target.before || k.key === target.after).slice(-times.length);
    digits.forEach((k, i) => {
      marks.push({ t: origin + k.t, role: 'page', ev: `keydown #${i + 1} '${k.key}'` });
      marks.push({ t: origin + k.t + times[i], role: 'page', ev: `painted #${i + 1} (${Math.round(times[i])} ms)` });
    });
    process.stdout.write(`keystrokes: ${times.map((t) => Math.round(t)).join(', ')} ms\n`);
    writeFileSync(path.join(out, 'stop'), '');
    await page.waitForTimeout(process.env.TL_PROFILE ? 3000 : 1000);
  } finally {
    procCpu?.stop();
    await workbench.close();
    rmSync(root, { recursive: true, force: true });
  }
  const events = readFileSync(path.join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Event).filter((e) => e.role !== 'other');
  events.push(...marks, ...frames.filter((f) => Number(f.bytes) >= Number(process.env.TL_WS_MIN ?? 1000)));
  events.sort((a, b) => a.t - b.t);
  const first = marks[0]?.t ?? events[0].t;
  process.stdout.write(`t0 ${Math.round(first)} (epoch ms of the first keydown)\n`);
  for (const e of events.filter((e) => e.t >= first - 2000)) {
    const { t, role, ev, pid: _pid, ...rest } = e;
    process.stdout.write(`${String(Math.round(t - first)).padStart(8)}  ${role.padEnd(8)} ${ev} ${JSON.stringify(rest).slice(0, 200)}\n`);
  }
  if (procCpu) {
    for (let i = 0; i < marks.length; i += 2) {
      const cpu = procCpu.window(marks[i].t, marks[i + 1].t);
      process.stdout.write(`\n== CPU by process, ${marks[i].ev} → ${marks[i + 1].ev}: ${cpu.reduce((n, [, ms]) => n + ms, 0)} ms\n`);
      for (const [label, ms] of cpu.slice(0, 8)) process.stdout.write(`${String(ms).padStart(6)}  ${label}\n`);
    }
  }
  // With TL_PROFILE: what each process ran between each keydown and its paint (self time, top first).
  const profiles = pageProfile ? [{ file: 'page', ...pageProfile }] : [];
  for (const file of existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.cpuprofile')) : []) {
    const pid = Number(/-(\d+)\.cpuprofile$/.exec(file)?.[1]);
    const start = events.find((e) => e.pid === pid && e.ev === 'preload');
    if (!start) continue;
    profiles.push({ file, offset: start.t - Number(start.hr) / 1000, profile: JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Profile });
  }
  for (const { file, offset, profile } of profiles) {
    // And the seconds before the first keystroke (TL_BEFORE ms): what the cold workbench was still busy with.
    const before = Number(process.env.TL_BEFORE ?? 0);
    if (before > 0 && marks.length > 0) {
      process.stdout.write(`\n== ${file} ${before} ms before keydown #1\n`);
      for (const f of selfTimes(profile, offset, marks[0].t - before, marks[0].t).slice(0, 25)) process.stdout.write(`${String(Math.round(f.ms)).padStart(6)}  ${f.name}\n`);
    }
    for (let i = 0; i < marks.length; i += 2) {
      const from = marks[i].t;
      const to = marks[i + 1].t;
      const top = selfTimes(profile, offset, from, to).slice(0, 12);
      process.stdout.write(`\n== ${file} ${marks[i].ev} → ${marks[i + 1].ev}\n`);
      for (const f of top) process.stdout.write(`${String(Math.round(f.ms)).padStart(6)}  ${f.name}\n`);
    }
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

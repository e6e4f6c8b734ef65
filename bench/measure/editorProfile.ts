/**
 * Where the workbench page's main thread spends its CPU on the at-scale inventory: a Chromium CPU
 * profile (DevTools protocol) around the cold open and around the keystrokes of the editor bench,
 * summed by function (self time) and printed, top first. A diagnostic, not a benchmark row:
 *   node esbuild.mjs --production && node --import tsx bench/measure/editorProfile.ts [--without] [--settings JSON]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startWorkbench } from '../../test/vscode/launcher/workbench';
import { LARGE_INPUT_LIMIT, writeInputs } from '../inputs';
import { beforeEcho, coldOpen, expiredDateTarget, toggleKeystrokes } from './editor';
import { CpuMeter } from './processCpu';
import { installProbe, painted, quiet, watch } from './workbenchProbe';

const ROOT = path.join(__dirname, '..', '..');
const INVENTORY = 'cert-inventory.yaml';
const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time (ms) per function, from the profile's samples and their time deltas. */
function selfTimes(profile: Profile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

async function profiled<T>(cdp: CDPSession, label: string, body: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const value = await body();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  writeFileSync(path.join(tmpdir(), `editor-${label}.cpuprofile`), JSON.stringify(profile));
  const times = selfTimes(profile);
  const total = times.reduce((s, t) => s + t.ms, 0);
  process.stdout.write(`\n== ${label}: ${Math.round(total)} ms sampled\n`);
  for (const t of times.slice(0, TOP)) process.stdout.write(`${String(Math.round(t.ms)).padStart(7)}  ${t.name}\n`);
  return value;
}

/** The same keystrokes without the extension: each waits for its character to be painted. */
async function plainKeystrokes(page: Page, target: ReturnType<typeof expiredDateTarget>): Promise<number[]> {
  await beforeEcho(page, target.line, target.text.slice(0, target.column - 1));
  await page.keyboard.press('Shift+ArrowRight');
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const fixing = i % 2 === 0;
    await watch(page, 'keystroke', `!!b.line(${JSON.stringify(fixing ? target.edited : target.text)})`);
    await page.keyboard.press(fixing ? target.after : target.before);
    times.push(await painted(page, 'keystroke', 120_000));
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForTimeout(500);
  }
  return times;
}

/** `--settings '{"editor.links":false}'`: a feature off, to see what it costs. */
function extraSettings(): Record<string, unknown> {
  const at = process.argv.indexOf('--settings');
  return at < 0 ? {} : (JSON.parse(process.argv[at + 1]) as Record<string, unknown>);
}

async function main(): Promise<void> {
  const extension = !process.argv.includes('--without');
  const inputs = writeInputs();
  const root = mkdtempSync(path.join(tmpdir(), 'bench-editor-profile-'));
  const folder = path.join(root, 'workspace');
  mkdirSync(folder, { recursive: true });
  const text = readFileSync(inputs.invStale, 'utf8');
  writeFileSync(path.join(folder, INVENTORY), text);
  writeFileSync(path.join(folder, '.incident-docs.yaml'), `maxFileSizeBytes: ${LARGE_INPUT_LIMIT}\n`);
  const workbench = await startWorkbench({ folder, extensionDevelopmentPaths: extension ? [ROOT] : [], settings: { 'editor.minimap.enabled': false, ...extraSettings() } });
  try {
    const page: Page = workbench.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: INVENTORY }).waitFor({ timeout: 120_000 });
    await installProbe(page);
    const meter = await CpuMeter.attach(page, workbench.processGroup);
    const cdp = await page.context().newCDPSession(page);
    const lens = extraSettings()['editor.codeLens'] === false ? {} : { lens: "b.lens('Expire')" };
    const watches = extension ? { squiggle: 'b.anySquiggle()', ...lens } : {};
    const open = await meter.measure(() => profiled(cdp, 'open', async () => {
      const times = await coldOpen(page, INVENTORY, watches);
      // Until the page settles: the same end with and without the extension.
      await quiet(page, 120_000);
      return times;
    }));
    process.stdout.write(`open: ${JSON.stringify(open.value)} cpu ${JSON.stringify(open.cpu)}\n`);
    {
      const target = expiredDateTarget(text);
      const keys = await meter.measure(() => profiled(cdp, 'keystrokes', () => (extension ? toggleKeystrokes(page, target) : plainKeystrokes(page, target))));
      process.stdout.write(`keystrokes: ${JSON.stringify(keys.value)} cpu ${JSON.stringify(keys.cpu)}\n`);
    }
  } finally {
    await workbench.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

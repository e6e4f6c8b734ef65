/**
 * The editor as the user sees it: code-server (VS Code 1.100) with the extension as built, driven
 * through headless Chromium by playwright-core, on the at-scale inventory (5,000 entries, most of
 * them expired) and the 20 KB post-mortem. Reuses the UI suite's workbench launcher.
 *
 * Each run starts fresh workbenches (new user data, so the extension is not yet active):
 *  1. with the extension: open the inventory (cold) → first squiggle, first expiry lens, status
 *     bar; the activation time VS Code reports (Developer: Show Running Extensions); keystrokes
 *     that make an expired entry valid and expired again → its squiggle goes and comes back;
 *     characters typed into an entry's name → their echo.
 *  2. with the extension: open the post-mortem (cold) → first squiggle; keystrokes that make an
 *     impossible time valid and back; echo. Then a later start: new user data holding only the
 *     extension's global storage from that one (the code caches), the post-mortem opened
 *     cold again → first squiggle, and the activation time; then, once the status bar shows the
 *     soonest expiry (the Certificates view has read the inventory from disk), the inventory
 *     opened → first squiggle on its first expired entry, first expiry lens.
 *  3. without the extension: the same echo on both files.
 * Between keystrokes the user pauses (500 ms, 250 ms while typing a word): the figures are the
 * latency a user meets, not the throughput of a burst.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startWorkbench, type Workbench } from '../../test/vscode/launcher/workbench';
import { LARGE_INPUT_LIMIT } from '../inputs';
import { summarize, type Summary } from '../lib/stats';
import { CpuMeter, type CpuSample } from './processCpu';
import { holds, installProbe, lastKeydown, painted, quiet, settled, watch, watchFrames } from './workbenchProbe';

const ROOT = path.join(__dirname, '..', '..');
const INVENTORY = 'cert-inventory.yaml';
const POSTMORTEM = 'postmortem-20kb.md';
/** Bounds a failure only: a cold workbench on a busy 2-core machine is slow. */
const TIMEOUT = 120_000;
const KEYSTROKES = 10;
const ECHO_CHARACTERS = 'abcdefghijklmnopqrst';
export const STATUS_ITEM = `document.querySelector('[id$="incidentDocs.soonestExpiry"]')`;
/** The Problems status item as VS Code reads it out ("Errors: 19, Warnings: 81"): its text is icons and numbers. */
const PROBLEMS_COUNTS = `(() => {
  const item = document.querySelector('[id="status.problems"]');
  return item?.getAttribute('aria-label') || item?.querySelector('[aria-label]')?.getAttribute('aria-label') || item?.textContent?.trim() || '';
})()`;

export interface EditorResult {
  /** Cold open of the inventory, Enter in Quick Open → the inventory's first lines painted, first squiggle, first expiry lens, status bar. */
  inventoryOpen: { lines: Summary; squiggle: Summary; lens: Summary; status: Summary };
  /** The same open without the extension: Enter → first lines painted; → the page's last busy frame before a calm second. */
  inventoryOpenAlone: { lines: Summary; settled: Summary };
  /**
   * The post-mortem's cold open in a first-ever start (fresh user data, like every other figure),
   * and in a later one: fresh user data but for the extension's global storage from the first
   * (where the server saved its code cache), as after a restart of VS Code.
   */
  postmortemOpen: { squiggle: Summary; laterSquiggle: Summary };
  /** The inventory opened in the later start once the status bar showed it (the Certificates view's read done). */
  inventoryAfterRead: { squiggle: Summary; lens: Summary };
  /** Keystroke → the edited line's squiggle gone or back (all samples of all runs). */
  inventoryKeystroke: Summary;
  postmortemKeystroke: Summary;
  /** Keydown → the character painted, with and without the extension. */
  echo: { inventory: { with: Summary; without: Summary }; postmortem: { with: Summary; without: Summary } };
  /** "Activation: N ms" in Developer: Show Running Extensions (code loading + the activate() call). */
  activation: Summary;
  /** The same in the later start of the post-mortem. */
  laterActivation: Summary;
  /** Diagnostics VS Code holds for the inventory (the status bar's problem counts), for the record. */
  problems: string;
  /**
   * CPU time (ms, medians over runs) of the language server, the extension host and the page's main
   * thread: for the inventory's cold open (until squiggle, lens and status bar), per keystroke, per
   * echoed character (with and without the extension). Steadier than wall-clock time on a shared machine.
   */
  cpu: { open: CpuSample; keystroke: CpuSample; echo: CpuSample; echoWithout: CpuSample };
  /** Every sample, in the order taken (milliseconds). */
  samples: Record<string, number[]>;
}

export async function measureEditor(files: { inventory: string; postmortem: string }, runs: number, log: (m: string) => void): Promise<EditorResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-editor-'));
  const folder = path.join(root, 'workspace');
  mkdirSync(path.join(folder, 'postmortems'), { recursive: true });
  const inventoryText = readFileSync(files.inventory, 'utf8');
  const postmortemText = readFileSync(files.postmortem, 'utf8');
  writeFileSync(path.join(folder, INVENTORY), inventoryText);
  // The inventory (1.7 MB) is over the default maxFileSizeBytes: raised as the README tells a team
  // with an inventory that large to do, or the editor shows one "too large" finding and no lenses.
  writeFileSync(path.join(folder, '.incident-docs.yaml'), `maxFileSizeBytes: ${LARGE_INPUT_LIMIT}\n`);
  writeFileSync(path.join(folder, 'postmortems', POSTMORTEM), postmortemText);
  const invTarget = expiredDateTarget(inventoryText);
  const pmTarget = impossibleTimeTarget(postmortemText);
  const nameLine = inventoryText.split('\n').findIndex((l) => /^ {2}- name: svc-\d+$/.test(l) && l.endsWith('0'));

  const acc = {
    lines: [] as number[], aloneLines: [] as number[], aloneSettled: [] as number[],
    squiggle: [] as number[], lens: [] as number[], status: [] as number[], pmSquiggle: [] as number[], pmLaterSquiggle: [] as number[], laterActivation: [] as number[], afterReadSquiggle: [] as number[], afterReadLens: [] as number[],
    invKeys: [] as number[], pmKeys: [] as number[], activation: [] as number[],
    echo: { invWith: [] as number[], invWithout: [] as number[], pmWith: [] as number[], pmWithout: [] as number[] },
    problems: '',
    cpu: { open: [] as CpuSample[], keystroke: [] as CpuSample[], echo: [] as CpuSample[], echoWithout: [] as CpuSample[] },
  };
  try {
    for (let run = 0; run < runs; run++) {
      log(`editor run ${run + 1}/${runs}: inventory`);
      await withWorkbench(folder, true, {}, async (page, meter) => {
        const { value: open, cpu } = await meter.measure(() =>
          coldOpen(page, INVENTORY, { lines: firstLines(INVENTORY), squiggle: 'b.anySquiggle()', lens: "b.lens('Expire')", status: `${STATUS_ITEM}?.textContent.includes(':') ?? false` }),
        );
        acc.cpu.open.push(cpu);
        acc.lines.push(open.lines);
        acc.squiggle.push(open.squiggle);
        acc.lens.push(open.lens);
        acc.status.push(open.status);
        const keys = await meter.measure(() => toggleKeystrokes(page, invTarget));
        acc.invKeys.push(...keys.value);
        acc.cpu.keystroke.push(per(keys.cpu, keys.value.length));
        await beforeEcho(page, nameLine + 1, inventoryText.split('\n')[nameLine]);
        const echoed = await meter.measure(() => echo(page, inventoryText.split('\n')[nameLine]));
        acc.echo.invWith.push(...echoed.value);
        acc.cpu.echo.push(per(echoed.cpu, echoed.value.length));
        acc.problems = String(await page.evaluate(PROBLEMS_COUNTS));
        acc.activation.push(await reportedActivation(page));
      });
      log(`editor run ${run + 1}/${runs}: post-mortem`);
      const firstUserData = path.join(root, `user-data-${run}`);
      await withWorkbench(folder, true, { userDataDir: firstUserData }, async (page) => {
        const open = await coldOpen(page, POSTMORTEM, { squiggle: 'b.anySquiggle()' }, pmTarget.line);
        acc.pmSquiggle.push(open.squiggle);
        acc.pmKeys.push(...(await toggleKeystrokes(page, pmTarget)));
        await beforeEcho(page, pmTarget.echoLine + 1, postmortemText.split('\n')[pmTarget.echoLine]);
        acc.echo.pmWith.push(...(await echo(page, postmortemText.split('\n')[pmTarget.echoLine])));
      });
      log(`editor run ${run + 1}/${runs}: post-mortem, a later start`);
      const laterUserData = path.join(root, `user-data-${run}-later`);
      carryGlobalStorage(firstUserData, laterUserData);
      await withWorkbench(folder, true, { userDataDir: laterUserData }, async (page) => {
        const open = await coldOpen(page, POSTMORTEM, { squiggle: 'b.anySquiggle()' }, pmTarget.line);
        acc.pmLaterSquiggle.push(open.squiggle);
        acc.laterActivation.push(await reportedActivation(page));
        await page.waitForFunction(`${STATUS_ITEM}?.textContent.includes(':') ?? false`, undefined, { timeout: TIMEOUT });
        // Its own line's squiggle: the post-mortem's editor (and its squiggles) may linger hidden in the page.
        const inventory = await coldOpen(page, INVENTORY, { squiggle: `b.lineSquiggle(${JSON.stringify(invTarget.text)}, 'error') === true`, lens: "b.lens('Expire')" }, invTarget.line);
        acc.afterReadSquiggle.push(inventory.squiggle);
        acc.afterReadLens.push(inventory.lens);
      });
      log(`editor run ${run + 1}/${runs}: without the extension`);
      await withWorkbench(folder, false, {}, async (page, meter) => {
        // VS Code alone, the same open: its first lines, and how long the page stays busy with the file.
        await watchFrames(page);
        const alone = await coldOpen(page, INVENTORY, { lines: firstLines(INVENTORY) });
        const enter = await lastKeydown(page, 'Enter');
        acc.aloneLines.push(alone.lines);
        acc.aloneSettled.push((await settled(page, TIMEOUT)) - enter);
        await beforeEcho(page, nameLine + 1, inventoryText.split('\n')[nameLine]);
        const echoed = await meter.measure(() => echo(page, inventoryText.split('\n')[nameLine]));
        acc.echo.invWithout.push(...echoed.value);
        acc.cpu.echoWithout.push(per(echoed.cpu, echoed.value.length));
        await coldOpen(page, POSTMORTEM, {});
        await beforeEcho(page, pmTarget.echoLine + 1, postmortemText.split('\n')[pmTarget.echoLine]);
        acc.echo.pmWithout.push(...(await echo(page, postmortemText.split('\n')[pmTarget.echoLine])));
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return {
    inventoryOpen: { lines: summarize(acc.lines), squiggle: summarize(acc.squiggle), lens: summarize(acc.lens), status: summarize(acc.status) },
    inventoryOpenAlone: { lines: summarize(acc.aloneLines), settled: summarize(acc.aloneSettled) },
    postmortemOpen: { squiggle: summarize(acc.pmSquiggle), laterSquiggle: summarize(acc.pmLaterSquiggle) },
    inventoryAfterRead: { squiggle: summarize(acc.afterReadSquiggle), lens: summarize(acc.afterReadLens) },
    inventoryKeystroke: summarize(acc.invKeys),
    postmortemKeystroke: summarize(acc.pmKeys),
    echo: {
      inventory: { with: summarize(acc.echo.invWith), without: summarize(acc.echo.invWithout) },
      postmortem: { with: summarize(acc.echo.pmWith), without: summarize(acc.echo.pmWithout) },
    },
    activation: summarize(acc.activation),
    laterActivation: summarize(acc.laterActivation),
    problems: acc.problems,
    cpu: { open: medianCpu(acc.cpu.open), keystroke: medianCpu(acc.cpu.keystroke), echo: medianCpu(acc.cpu.echo), echoWithout: medianCpu(acc.cpu.echoWithout) },
    samples: {
      inventoryOpenLines: acc.lines, inventoryOpenAloneLines: acc.aloneLines, inventoryOpenAloneSettled: acc.aloneSettled, inventoryOpenSquiggle: acc.squiggle, inventoryOpenLens: acc.lens, inventoryOpenStatus: acc.status, postmortemOpenSquiggle: acc.pmSquiggle, postmortemLaterOpenSquiggle: acc.pmLaterSquiggle, laterActivation: acc.laterActivation, inventoryAfterReadSquiggle: acc.afterReadSquiggle, inventoryAfterReadLens: acc.afterReadLens,
      inventoryKeystroke: acc.invKeys, postmortemKeystroke: acc.pmKeys, activation: acc.activation,
      echoInventory: acc.echo.invWith, echoInventoryWithout: acc.echo.invWithout, echoPostmortem: acc.echo.pmWith, echoPostmortemWithout: acc.echo.pmWithout,
    },
  };
}

function per(cpu: CpuSample, n: number): CpuSample {
  return { server: cpu.server / n, extensionHost: cpu.extensionHost / n, page: cpu.page / n };
}

function medianCpu(samples: CpuSample[]): CpuSample {
  const m = (k: keyof CpuSample) => summarize(samples.map((s) => s[k])).median;
  return { server: m('server'), extensionHost: m('extensionHost'), page: m('page') };
}

/** The extension's folder of VS Code's global storage (code-server keeps it in the user data). */
const GLOBAL_STORAGE = path.join('User', 'globalStorage', 'incident-docs.incident-docs');
/** The code caches the first start saves there: the server's (server/src/serverLauncher.ts) and the extension's (client/src/entry.ts). */
const CODE_CACHES = [path.join(GLOBAL_STORAGE, 'server-code-cache', 'incident-docs.js.v8-cache'), path.join(GLOBAL_STORAGE, 'extension-code-cache', 'extension-main.js.v8-cache')];

/** New user data holding only the extension's global storage of `from`: a restart, without the editors the first left open. */
function carryGlobalStorage(from: string, to: string): void {
  // A later start is one with what the first start saved: without it the figure would be another first start.
  for (const cache of CODE_CACHES) if (!existsSync(path.join(from, cache))) throw new Error(`editor bench: the first start saved no ${cache}`);
  cpSync(path.join(from, GLOBAL_STORAGE), path.join(to, GLOBAL_STORAGE), { recursive: true });
}

async function withWorkbench(folder: string, extension: boolean, options: { userDataDir?: string }, body: (page: Page, meter: CpuMeter) => Promise<void>): Promise<void> {
  const workbench: Workbench = await startWorkbench({
    folder,
    userDataDir: options.userDataDir,
    extensionDevelopmentPaths: extension ? [ROOT] : [],
    log: (level, text) => level === 'error' && process.env.BENCH_VERBOSE && process.stderr.write(`${text}\n`),
    settings: { 'editor.minimap.enabled': false },
  });
  try {
    const page = workbench.page;
    // The workbench is usable once the explorer lists the workspace.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: INVENTORY }).waitFor({ timeout: TIMEOUT });
    await installProbe(page);
    await body(page, await CpuMeter.attach(page, workbench.processGroup));
  } catch (e) {
    // What the page showed when a wait gave up: the error alone does not say why.
    const shot = path.join(tmpdir(), `bench-editor-failure-${Date.now()}.png`);
    await workbench.page.screenshot({ path: shot, timeout: 10_000 }).then(
      () => process.stderr.write(`bench editor: screenshot of the failure: ${shot}\n`),
      () => undefined,
    );
    throw e;
  } finally {
    await workbench.close();
  }
}

/** A watch: the file `name` is the active tab and its first lines are painted (VS Code's part of an open). */
export function firstLines(name: string): string {
  return `!!b.editor()?.querySelector('.view-lines .view-line') && document.querySelector('.tabs-container .tab.active')?.textContent.includes(${JSON.stringify(name)})`;
}

/** Opens a file through Quick Open (at `line`, if given); each watch's time from the Enter keydown to its first painted frame. */
export async function coldOpen<K extends string>(page: Page, name: string, watches: Record<K, string>, line?: number): Promise<Record<K, number>> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  // `name:line` opens the editor at that line: where the first finding is, since only lines on screen get squiggles.
  await input.fill(line ? `${name}:${line}` : name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: TIMEOUT });
  for (const [key, expression] of Object.entries<string>(watches)) await watch(page, `open-${key}`, expression);
  await watch(page, 'open-text', firstLines(name));
  await page.keyboard.press('Enter');
  const start = await lastKeydown(page, 'Enter');
  await painted(page, 'open-text', TIMEOUT);
  const out = {} as Record<K, number>;
  for (const key of Object.keys(watches) as K[]) out[key] = (await painted(page, `open-${key}`, TIMEOUT)) - start;
  return out;
}

interface ToggleTarget {
  /** 1-based line and column of the character to replace. */
  line: number;
  column: number;
  before: string;
  after: string;
  /** The line's text with the original character and with the replacement. */
  text: string;
  edited: string;
  kind: 'error';
  echoLine: number;
}

/**
 * The third digit of the first expired entry's year (2025 → 2035): expired, then valid, then
 * expired again. The first, because with thousands expired the editor shows one problem for the
 * rule, at its first finding: this keystroke moves that squiggle to the next expired entry.
 */
export function expiredDateTarget(text: string): ToggleTarget {
  const lines = text.split('\n');
  const today = new Date().toISOString().slice(0, 10);
  const index = lines.findIndex((l, i) => /^ {4}expires: \d{4}-\d{2}-\d{2}$/.test(l) && l.slice(13) < today && !/pem/.test(lines[i + 1] ?? ''));
  const line = lines[index];
  const digit = line[15];
  const replacement = String((Number(digit) + 1) % 10);
  return { line: index + 1, column: 16, before: digit, after: replacement, text: line, edited: line.slice(0, 15) + replacement + line.slice(16), kind: 'error', echoLine: index };
}

/** The post-mortem's impossible time (25:10 → 20:10): invalid, valid, invalid again. */
export function impossibleTimeTarget(text: string): ToggleTarget {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(' 25:'));
  const line = lines[index];
  const at = line.indexOf(' 25:') + 2;
  const echoLine = lines.findIndex((l, i) => i > index && /^[A-Z][a-z]/.test(l));
  return { line: index + 1, column: at + 1, before: '5', after: '0', text: line, edited: line.slice(0, at) + '0' + line.slice(at + 1), kind: 'error', echoLine };
}

/** Selects the target character and types the replacement and the original in turn; each keystroke → squiggle state painted. */
export async function toggleKeystrokes(page: Page, target: ToggleTarget): Promise<number[]> {
  await goTo(page, target.line, target.column);
  await waitFor(page, `b.lineSquiggle(${JSON.stringify(target.text)}, 'error') === true`, 'the target line squiggled');
  await page.keyboard.press('Shift+ArrowRight');
  const times: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const fixing = i % 2 === 0;
    const key = fixing ? target.after : target.before;
    const text = fixing ? target.edited : target.text;
    await watch(page, 'keystroke', `b.lineSquiggle(${JSON.stringify(text)}, 'error') === ${!fixing}`);
    await page.keyboard.press(key);
    const start = await lastKeydown(page, key);
    times.push((await painted(page, 'keystroke', TIMEOUT)) - start);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForTimeout(500);
  }
  return times;
}

/** Puts the cursor at the end of the line and waits for the page to be calm: what precedes typing. */
export async function beforeEcho(page: Page, line: number, text: string): Promise<void> {
  await goTo(page, line, text.length + 1);
  await quiet(page, TIMEOUT);
}

/** Types a word at the cursor (the end of `text`'s line), a character every 250 ms; keydown → the character painted. */
export async function echo(page: Page, text: string): Promise<number[]> {
  const times: number[] = [];
  let typed = '';
  for (const ch of ECHO_CHARACTERS) {
    typed += ch;
    await watch(page, 'echo', `b.lineEndsWith(${JSON.stringify(text.trimStart() + typed)})`);
    await page.keyboard.press(ch);
    const start = await lastKeydown(page, ch);
    times.push((await painted(page, 'echo', TIMEOUT)) - start);
    await page.waitForTimeout(250);
  }
  return times;
}

/** Go to Line (Ctrl+G) `line:column`, then waits until that line is on screen. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: TIMEOUT });
  await waitFor(page, `!!document.querySelector('[id="status.editor.selection"]')?.textContent.includes('Ln ${line}, Col ${column}')`, `the cursor at ${line}:${column}`);
}

async function waitFor(page: Page, expression: string, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  while (!(await holds(page, expression))) {
    if (Date.now() > deadline) throw new Error(`editor bench: timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

/** The extension's activation time as Developer: Show Running Extensions shows it. */
export async function reportedActivation(page: Page): Promise<number> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Show Running Extensions' }).waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'incident-docs' });
  await row.filter({ hasText: /Activation: \d+ms/ }).waitFor({ timeout: TIMEOUT });
  const text = await row.innerText();
  return Number(/Activation: (\d+)ms/.exec(text)?.[1]);
}

/**
 * What the editor benchmark reads in the workbench page: a keydown log and "watches" that note
 * when a condition on the DOM first holds and when the frame showing it is painted. Timestamps
 * are the page's own (`performance.now()`; a keydown's is the browser's `event.timeStamp`, taken
 * when the input arrived), so a busy renderer shows up in the figures instead of hiding in them.
 *
 * Everything injected is a string, not a function: tsx would add helpers the page does not have.
 */
import type { Page } from 'playwright-core';

const INSTALL = `(() => {
  if (window.__bench) return;
  const b = (window.__bench = { keys: [], watches: {} });
  document.addEventListener('keydown', (e) => b.keys.push({ key: e.key, t: e.timeStamp }), true);
  const check = () => {
    const now = performance.now();
    for (const w of Object.values(b.watches)) {
      if (w.at !== undefined) continue;
      let ok = false;
      try { ok = w.test(); } catch { ok = false; }
      if (!ok) continue;
      w.at = now;
      requestAnimationFrame(() => (w.painted = performance.now()));
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  b.watch = (name, source) => {
    b.watches[name] = { test: new Function('return (' + source + ')'), at: undefined, painted: undefined };
    check();
  };
})()`;

/** Helpers the watch expressions use: the active editor, its lines, squiggles by line. */
const HELPERS = `(() => {
  const b = window.__bench;
  b.editor = () => document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
  b.text = (el) => (el.textContent || '').replace(/\\u00a0/g, ' ');
  b.line = (text) => [...(b.editor()?.querySelectorAll('.view-lines .view-line') ?? [])].find((l) => b.text(l) === text);
  b.lineEndsWith = (suffix) => [...(b.editor()?.querySelectorAll('.view-lines .view-line') ?? [])].some((l) => b.text(l).endsWith(suffix));
  b.squiggle = (kind) => !!b.editor()?.querySelector('.view-overlays .squiggly-' + kind);
  b.anySquiggle = () => ['error', 'warning', 'info'].some(b.squiggle);
  b.lineSquiggle = (text, kind) => {
    const line = b.line(text);
    if (!line) return undefined;
    const overlay = [...b.editor().querySelectorAll('.view-overlays > div')].find((d) => d.style.top === line.style.top);
    return !!overlay?.querySelector('.squiggly-' + kind);
  };
  b.lens = (pattern) => [...(b.editor()?.querySelectorAll('.codelens-decoration') ?? [])].some((l) => new RegExp(pattern).test(l.textContent || ''));
})()`;

export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(INSTALL);
  await page.evaluate(HELPERS);
}

/** Starts watching `expression` (evaluated in the page, with `__bench` helpers in scope as `b`). */
export async function watch(page: Page, name: string, expression: string): Promise<void> {
  await page.evaluate(`window.__bench.watch(${JSON.stringify(name)}, ${JSON.stringify(`((b) => ${expression})(window.__bench)`)})`);
}

/** Waits until the watch holds and its frame is painted; returns that paint time. */
export async function painted(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page
    .waitForFunction(`window.__bench.watches[${JSON.stringify(name)}]?.painted`, undefined, { timeout: timeoutMs, polling: 50 })
    .catch((e: Error) => {
      throw new Error(`"${name}" was not painted within ${timeoutMs} ms (${e.message.split('\n')[0]})`);
    });
  const at = Number(await handle.jsonValue());
  await page.evaluate(`delete window.__bench.watches[${JSON.stringify(name)}]`);
  return at;
}

/** The timestamp of the last keydown of `key` (the browser's, from when the input arrived). */
export async function lastKeydown(page: Page, key: string): Promise<number> {
  const t = await page.evaluate(`(() => { const k = window.__bench.keys.filter((e) => e.key === ${JSON.stringify(key)}); return k.length ? k[k.length - 1].t : -1; })()`);
  if (typeof t !== 'number' || t < 0) throw new Error(`no keydown of ${key} was seen`);
  return t;
}

/** Whether an expression holds now (for waiting on a state before a measurement starts). */
export async function holds(page: Page, expression: string): Promise<boolean> {
  return Boolean(await page.evaluate(`((b) => ${expression})(window.__bench)`));
}

/**
 * Waits until the page paints smoothly: no frame gap over 50 ms for half a second. Measurements
 * start from the same calm state with or without the extension (a workbench still loading its
 * built-in extensions would otherwise count against whichever ran first).
 */
export async function quiet(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    `new Promise((resolve) => {
      let last = performance.now();
      const start = last;
      let worst = 0;
      const frame = (t) => {
        worst = Math.max(worst, t - last);
        last = t;
        if (t - start < 500) requestAnimationFrame(frame);
        else resolve(worst < 50);
      };
      requestAnimationFrame(frame);
    })`,
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

/**
 * From now on, notes the end of each frame that came over 50 ms after the one before (the page was
 * busy), for settled(). Only where asked: a frame loop keeps the renderer painting 60 times a second.
 */
export async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const b = window.__bench;
    if (b.lastSlow !== undefined) return;
    b.lastSlow = performance.now();
    let previous = b.lastSlow;
    const frame = (t) => {
      if (t - previous > 50) b.lastSlow = t;
      previous = t;
      if (!b.framesStopped) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
}

/**
 * Once the page has painted smoothly for `calmMs` since watchFrames() (no frame over 50 ms after
 * the one before): the time (page clock) the last slow frame ended, when the page stopped being
 * busy. Ends the frame loop.
 */
export async function settled(page: Page, timeoutMs: number, calmMs = 1000): Promise<number> {
  try {
    const handle = await page.waitForFunction(`performance.now() - window.__bench.lastSlow > ${calmMs} && window.__bench.lastSlow`, undefined, { timeout: timeoutMs, polling: 100 });
    return Number(await handle.jsonValue());
  } finally {
    // What is measured next (the echo without the extension) must not pay for the frame loop.
    await page.evaluate('window.__bench.framesStopped = true');
  }
}

/**
 * P1b, P2 and scaling: the core called in-process against the bare parsers it is built on,
 * interleaved run by run so both sides see the same machine load.
 */
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { parseDocument } from 'yaml';
import { LARGE_INPUT_LIMIT } from '../inputs';
import type { BundledCore } from '../lib/bundle';
import { commonMark, withGfm } from '../lib/markdownFloors';
import { summarize, type Summary } from '../lib/stats';

export const NOW = new Date('2026-11-27T12:00:00Z');


export interface FloorResult {
  lint: Summary;
  floor: Summary;
  /** A second, informative floor (CommonMark without GFM). */
  floor2?: Summary;
  findings: number;
  bytes: number;
}

function lintOnce(core: BundledCore, file: string, text: string): number {
  return core.lint({ path: file, text }, { ...core.defaultConfig(), maxFileSizeBytes: LARGE_INPUT_LIMIT }, { now: NOW }).length;
}

function interleave(runs: number, fns: (() => unknown)[]): number[][] {
  const out = fns.map(() => [] as number[]);
  for (const fn of fns) fn(); // warm-up: JIT and lazy module loading
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const started = performance.now();
      fn();
      out[k].push(performance.now() - started);
    });
  }
  return out;
}

export function measurePostmortem(core: BundledCore, file: string, runs: number): FloorResult {
  const text = readFileSync(file, 'utf8');
  const [l, g, c] = interleave(runs, [() => lintOnce(core, file, text), () => withGfm.parse(text) as Root, () => commonMark.parse(text) as Root]);
  return { lint: summarize(l), floor: summarize(g), floor2: summarize(c), findings: lintOnce(core, file, text), bytes: text.length };
}

export function measureInventory(core: BundledCore, file: string, runs: number): FloorResult {
  const text = readFileSync(file, 'utf8');
  // floor: yaml as installed; floor2: yaml as bundled, without its per-token process.env lookups.
  const [l, p, b] = interleave(runs, [() => lintOnce(core, file, text), () => parseDocument(text), () => core.parseDocument(text)]);
  return { lint: summarize(l), floor: summarize(p), floor2: summarize(b), findings: lintOnce(core, file, text), bytes: text.length };
}

export interface ScalingResult {
  sizes: number[];
  medians: number[];
  /** Time ratio per doubling of the size. */
  ratios: number[];
}

export function measureScaling(core: BundledCore, files: string[], runs: number): ScalingResult {
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const times = interleave(runs, texts.map((t, i) => () => lintOnce(core, files[i], t)));
  const medians = times.map((t) => summarize(t).median);
  return { sizes: texts.map((t) => t.length), medians, ratios: medians.slice(1).map((m, i) => m / medians[i]) };
}

/**
 * P1b, P2 and scaling: the core called in-process against the bare parsers it is built on,
 * interleaved run by run so both sides see the same machine load.
 */
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { defaultConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { summarize, type Summary } from '../lib/stats';

export const NOW = new Date('2026-11-27T12:00:00Z');

const withGfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const commonMark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

export interface FloorResult {
  lint: Summary;
  floor: Summary;
  /** A second, informative floor (CommonMark without GFM). */
  floor2?: Summary;
  findings: number;
  bytes: number;
}

function lintOnce(file: string, text: string): number {
  return lint({ path: file, text }, defaultConfig(), { now: NOW }).length;
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

export function measurePostmortem(file: string, runs: number): FloorResult {
  const text = readFileSync(file, 'utf8');
  const [l, g, c] = interleave(runs, [() => lintOnce(file, text), () => withGfm.parse(text) as Root, () => commonMark.parse(text) as Root]);
  return { lint: summarize(l), floor: summarize(g), floor2: summarize(c), findings: lintOnce(file, text), bytes: text.length };
}

export function measureInventory(file: string, runs: number): FloorResult {
  const text = readFileSync(file, 'utf8');
  const [l, p] = interleave(runs, [() => lintOnce(file, text), () => parseDocument(text)]);
  return { lint: summarize(l), floor: summarize(p), findings: lintOnce(file, text), bytes: text.length };
}

export interface ScalingResult {
  sizes: number[];
  medians: number[];
  /** Time ratio per doubling of the size. */
  ratios: number[];
}

export function measureScaling(files: string[], runs: number): ScalingResult {
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const times = interleave(runs, texts.map((t, i) => () => lintOnce(files[i], t)));
  const medians = times.map((t) => summarize(t).median);
  return { sizes: texts.map((t) => t.length), medians, ratios: medians.slice(1).map((m, i) => m / medians[i]) };
}

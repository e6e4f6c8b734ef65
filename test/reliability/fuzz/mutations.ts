/**
 * Mutations of real documents, as fast-check arbitraries: the damage editing, copy-paste, bad
 * encodings and hostile input do. Each case is a seed document and a list of mutations, so a
 * failure shrinks to the fewest mutations that still break.
 */
import fc from 'fast-check';
import type { SeedDocument } from './documents';

export type Mutation =
  | { op: 'drop' | 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'flip'; at: number; char: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'breakTable'; at: number; how: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'hugeLine'; at: number; times: number }
  | { op: 'nest'; at: number; marker: string; depth: number }
  | { op: 'crlf' | 'cr' | 'truncate'; at: number };

/** Characters that break parsers: NUL, controls, lone surrogates, BOM, line separators, markup. */
const NASTY = ['\0', '\u0001', '\u001b', '\uD800', '\uDC00', '\uFEFF', '\u2028', '\u2029', '\r', '\t', '|', '<', '>', '`', '*', '_', '[', ']', '{', '}', '&', '#', ':', '-', '"', "'", '\\', 'é', '😀'];
const NEST_MARKERS = ['> ', '- ', '* ', '1. ', '  - ', '[', '*', '_', '{a: ', '[', '- - ', '<b>', '<div>', '<table><tr><td>'];

const at = fc.nat();
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'duplicate' as const), at }),
  fc.record({ op: fc.constant('swap' as const), at, with: at }),
  fc.record({ op: fc.constant('flip' as const), at, char: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 1, minLength: 1 })) }),
  fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.constantFrom(...NASTY), { maxLength: 30 }).map((a) => a.join(''))) }),
  fc.record({ op: fc.constant('breakTable' as const), at, how: fc.nat(3) }),
  fc.record({ op: fc.constant('indent' as const), at, by: fc.integer({ min: -8, max: 8 }) }),
  fc.record({ op: fc.constant('hugeLine' as const), at, times: fc.integer({ min: 100, max: 2_000 }) }),
  fc.record({ op: fc.constant('nest' as const), at, marker: fc.constantFrom(...NEST_MARKERS), depth: fc.oneof(fc.integer({ min: 1, max: 150 }), fc.constant(10_000)) }),
  fc.record({ op: fc.constantFrom('crlf' as const, 'cr' as const, 'truncate' as const), at }),
);

/** Applies mutations to a text, in order. Pure: the same case always gives the same document. */
export function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    switch (m.op) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = lines.length === 0 ? 0 : m.with % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'flip': {
        const joined = lines.join('\n');
        const k = joined.length === 0 ? 0 : m.at % joined.length;
        lines = (joined.slice(0, k) + m.char + joined.slice(k + 1)).split('\n');
        break;
      }
      case 'insert': {
        const joined = lines.join('\n');
        const k = joined.length === 0 ? 0 : m.at % (joined.length + 1);
        lines = (joined.slice(0, k) + m.text + joined.slice(k)).split('\n');
        break;
      }
      case 'breakTable': {
        // The next table-looking line after i: drop its pipes, add some, or break the delimiter row.
        const t = lines.findIndex((l, k) => k >= i && l.includes('|'));
        if (t === -1) break;
        const line = lines[t];
        lines[t] = [line.replace(/\|/g, ' '), line + '|||', line.replace(/-/g, ''), line.slice(0, line.length >> 1)][m.how];
        break;
      }
      case 'indent':
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
      case 'hugeLine':
        lines[i] = (lines[i] || 'x').repeat(Math.max(1, Math.floor((m.times * 40) / Math.max(1, (lines[i] || 'x').length))));
        break;
      case 'nest':
        lines.splice(i, 0, m.marker.repeat(m.depth) + 'nested text');
        break;
      case 'crlf':
        lines = lines.map((l) => (l.endsWith('\r') ? l : l + '\r'));
        break;
      case 'cr':
        lines = [lines.join('\r')];
        break;
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, joined.length === 0 ? 0 : m.at % joined.length).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

export interface FuzzCase {
  seed: SeedDocument;
  mutations: Mutation[];
}

export function fuzzCase(seeds: SeedDocument[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }),
  });
}

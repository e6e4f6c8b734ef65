/**
 * Template text left behind in part, the way New Post-Mortem's skeleton gets filled in: some of a
 * line's placeholders written over and others kept ("14:02 to 16:10 (duration)"), or a guidance
 * sentence kept in front of (or after) what the author wrote. Plain string work: a template is
 * untrusted text, never a pattern, and every match is linear in the text.
 */
import { placeholderDefault } from './guidance';
import type { TextRun } from './runs';

/** A template line with placeholders among words: `{{ start }} to {{ end }} ({{ duration }})`. */
export interface GuidanceShape {
  /** The words around the placeholders, loosely normalized; one more than `slots`. */
  literals: string[];
  /** Each placeholder's words as New Post-Mortem inserts them, normalized; undefined for a choice (every option is an answer). */
  slots: (string | undefined)[];
}

const PLACEHOLDER = /\{\{([^{}\n]{0,200})\}\}/g;

/** Case, curly quotes and runs of spaces do not matter, as for whole guidance (normalizeGuidance). */
function loose(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');
}

const CLOSING = /[\s.:;,!\u2026]+$/u;

/**
 * The shape of a template line whose placeholders sit among other words or other placeholders;
 * undefined for a line that is one placeholder (whole guidance) or has none.
 */
export function guidanceShape(written: string): GuidanceShape | undefined {
  const literals: string[] = [];
  const slots: (string | undefined)[] = [];
  let last = 0;
  for (const m of written.matchAll(PLACEHOLDER)) {
    literals.push(written.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const options = m[1].split('|').map((o) => o.trim()).filter(Boolean);
    slots.push(options.length > 1 ? undefined : loose(placeholderDefault(m[1])).trim());
  }
  literals.push(written.slice(last));
  const normalized = literals.map((l, i) => {
    let text = loose(l);
    if (i === 0) text = text.trimStart();
    if (i === literals.length - 1) text = text.replace(CLOSING, '');
    return text;
  });
  const words = slots.filter((s) => s !== undefined && /\p{L}/u.test(s)).length;
  // Adjacent placeholders cannot be told apart; a line of one placeholder is whole guidance.
  if (words === 0 || normalized.slice(1, -1).some((l) => l.trim() === '') || (slots.length === 1 && normalized.every((l) => l.trim() === ''))) return undefined;
  return { literals: normalized, slots };
}

/**
 * The placeholder words `text` still holds when it has the shape of a template line and the
 * author wrote over some of its placeholders but not all: ["duration"] for "14:02 to 16:10
 * (duration)". Empty when nothing is left, or nothing was written (whole guidance is reported as such).
 */
export function placeholdersLeft(text: string, shapes: readonly GuidanceShape[]): string[] {
  const written = loose(text).trim().replace(CLOSING, '');
  for (const shape of shapes) {
    const values = slotValues(written, shape.literals);
    if (!values) continue;
    const left: string[] = [];
    let changed = false;
    values.forEach((value, i) => {
      const asInserted = shape.slots[i];
      if (asInserted === undefined) return;
      if (value.trim() === asInserted) {
        if (/\p{L}/u.test(asInserted)) left.push(asInserted);
      } else changed = true;
    });
    if (changed && left.length > 0) return left;
  }
  return [];
}

/** What stands in each slot when `text` reads as the literals in order (the first earliest match), or undefined. */
function slotValues(text: string, literals: string[]): string[] | undefined {
  const first = literals[0];
  const final = literals[literals.length - 1];
  if (!text.startsWith(first) || !text.endsWith(final) || text.length < first.length + final.length) return undefined;
  const end = text.length - final.length;
  const values: string[] = [];
  let at = first.length;
  for (const literal of literals.slice(1, -1)) {
    const found = text.indexOf(literal, at);
    if (found < 0 || found > end) return undefined;
    values.push(text.slice(at, found));
    at = found + literal.length;
  }
  if (at > end) return undefined;
  values.push(text.slice(at, end));
  return values;
}

/** A sentence ends here: what follows guidance kept in front of the author's own words. */
const SENTENCE_END = /[.!?\u2026]/u;

/**
 * Guidance (normalized, three words or more) that `text` opens or closes with as a sentence of its
 * own, the author's words beside it: "What happened, how it was noticed… how it ended. The
 * gateway's certificate expired…". Returns the guidance and where it stands.
 */
export function guidanceSentence(text: string, guidance: readonly string[]): { guidance: string; at: 'start' | 'end' } | undefined {
  const written = loose(text).trim();
  const bare = written.replace(CLOSING, '');
  for (const g of guidance) {
    if (g.length === 0 || bare.length <= g.length) continue;
    if (written.startsWith(g) && SENTENCE_END.test(written.charAt(g.length)) && /\p{L}/u.test(written.slice(g.length + 1))) return { guidance: g, at: 'start' };
    if (bare.endsWith(g)) {
      const before = bare.slice(0, bare.length - g.length);
      if (/\s$/.test(before) && SENTENCE_END.test(before.trimEnd().slice(-1))) return { guidance: g, at: 'end' };
    }
  }
  return undefined;
}

/**
 * Where `guidance` (loosely normalized) stands in the source of a paragraph made of one plain run,
 * its closing punctuation and the space after it included: the span a fix deletes. Undefined when
 * the paragraph's source differs from what a reader sees (escapes, entities, markup).
 */
export function sentenceSpan(runs: readonly TextRun[], guidance: string, at: 'start' | 'end'): { start: number; end: number } | undefined {
  if (runs.length !== 1 || runs[0].text !== runs[0].value) return undefined;
  const { text, offset } = runs[0];
  // Each normalized character and the source index it came from (NFKC and lower-casing may lengthen one).
  const chars: string[] = [];
  const from: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (!space && chars.length > 0) {
        chars.push(' ');
        from.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    for (const n of loose(c)) {
      chars.push(n);
      from.push(i);
    }
  }
  const normalized = chars.join('');
  const index = at === 'start' ? (normalized.startsWith(guidance) ? 0 : -1) : normalized.replace(CLOSING, '').lastIndexOf(guidance);
  if (index < 0) return undefined;
  if (at === 'start') {
    let end = from[index + guidance.length - 1] + 1;
    while (end < text.length && SENTENCE_END.test(text[end])) end++;
    while (end < text.length && /\s/.test(text[end])) end++;
    return { start: offset, end: offset + end };
  }
  let start = from[index];
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { start: offset + start, end: offset + text.length };
}

import { ZONE_NAMES_PATTERN } from './zones';

/** `{{ name }}`, `{{ a | b }}`: a template's placeholder (as in CURLY_PLACEHOLDER, one at a time). */
const PLACEHOLDER = /\{\{([^{}\n]{0,200})\}\}/g;

/**
 * What a placeholder becomes when the author leaves it as offered: its words, or its first choice.
 * New Post-Mortem inserts exactly this (see skeleton.ts), so the rule can recognise it.
 */
export function placeholderDefault(inner: string): string {
  return inner.split('|')[0].trim();
}

export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

export function renderPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (_m, inner: string) => placeholderDefault(inner));
}

/**
 * Guidance compared as a reader sees it: case, quotes, spacing and closing punctuation do not
 * matter. Plain string comparison: a template is untrusted text, never a pattern.
 */
export function normalizeGuidance(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.:;,!\u2026]+$/u, '');
}

const STATES_ZONE = new RegExp(`\\b(?:${ZONE_NAMES_PATTERN})\\b`);

/**
 * Template text a post-mortem must not keep. Not: a label ("Owner:"), two words or fewer (a real
 * entry may read "Investigation starts."), or a short statement of the time zone ("All times in
 * UTC."), which a report keeps because it is still true.
 */
export function isGuidanceWorthy(rendered: string): boolean {
  const text = rendered.replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(text) || /:\s*$/.test(text)) return false;
  const words = text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < 3) return false;
  return !(words.length <= 8 && STATES_ZONE.test(text));
}

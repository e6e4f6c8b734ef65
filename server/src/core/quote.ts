/**
 * Text from a repository in messages. A document or config file is untrusted input: a message
 * quotes at most MAX_QUOTED_CHARS of it, on one line, with control characters written as
 * escapes, so a 4 MB key or a terminal escape sequence never reaches an output whole. Every rule
 * quotes document text through quoteText (or describeValue for a YAML value).
 */

export const MAX_QUOTED_CHARS = 80;

/** Runs of these collapse to one space: a message is one line. */
const WHITESPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x2028, 0x2029, 0xfeff]);

/**
 * Characters that would act instead of being shown: C0 and C1 controls (ESC starts terminal
 * sequences) and the bidirectional marks and overrides that make text read out of its order.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** `\x1B`, `\u202E`: what a person can read and no terminal acts on. */
function escapeCode(code: number): string {
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** All of `text`, every control character written as an escape (line breaks too, unless kept): for terminals and CI logs. */
export function escapeControls(text: string, keepLineBreaks = false): string {
  return text.replace(CONTROL_CHARACTERS, (c) => (keepLineBreaks && (c === '\n' || c === '\r') ? c : escapeCode(c.charCodeAt(0))));
}

/**
 * Document text for a message (without the quote marks, which the message chooses): whitespace
 * collapsed, control characters and lone surrogates escaped, at most `max` characters with "…"
 * when cut. Reads only as much of `text` as it shows.
 */
export function quoteText(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max && isPlainAscii(text)) return text;
  const shown: string[] = [];
  let space = false;
  for (let i = 0; i < text.length && shown.length <= max; i++) {
    const code = text.charCodeAt(i);
    if (WHITESPACE.has(code)) {
      space = shown.length > 0;
      continue;
    }
    if (space) {
      shown.push(' ');
      space = false;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        shown.push(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    const lone = code >= 0xd800 && code <= 0xdfff;
    shown.push(lone || CONTROL_CHARACTER.test(text[i]) ? escapeCode(code) : text[i]);
  }
  return shown.length > max ? `${shown.slice(0, max - 1).join('')}…` : shown.join('');
}

/**
 * Printable ASCII with single spaces between words: quoteText would give it back unchanged. Most
 * names and addresses are; a 5,000-entry inventory quotes them tens of thousands of times.
 */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 ? i === 0 || i === text.length - 1 || text.charCodeAt(i - 1) === 0x20 : code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/**
 * A value from a YAML document as a message names it: text quoted (and shortened), numbers and
 * booleans as written, binary data by its size, collections by their kind.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${quoteText(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `binary data (${value.byteLength} bytes)`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/**
 * Several texts from a document, each quoted between `marks`: as many as fit in about `max`
 * characters, then "and N more". A certificate may name thousands of hosts.
 */
export function quoteList(items: readonly string[], marks: readonly [string, string] = ['“', '”'], max = MAX_QUOTED_CHARS): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const quoted = `${marks[0]}${quoteText(item)}${marks[1]}`;
    if (shown.length > 0 && length + quoted.length > max) break;
    shown.push(quoted);
    length += quoted.length + 2;
  }
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** Our own wording ("entry api", "the last timeline entry") at the start of a message: its first letter upper-cased. */
export function sentenceStart(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

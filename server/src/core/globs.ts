/**
 * Globs from settings (`postmortemGlobs`, `inventoryGlobs`) come from a repository's config file.
 * picomatch turns them into JavaScript regular expressions that backtrack polynomially in the
 * number of `*`: `**\/*a*a*a*b.md` against a 250-character path took 9 s, on every document the
 * editor lints. Matching runs on RE2 semantics (re2js) instead, linear in the path.
 */
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

/**
 * picomatch's only constructs RE2 lacks are the look-arounds that keep `*` and `**` from matching
 * `.` and `..` path segments. Paths here are resolved (they hold no such segments), so those
 * look-arounds never change an answer and are dropped; `(?=.)` (a segment is not empty) neither.
 */
const DOT_SEGMENT_GUARDS: [string, string][] = [
  ['(?:(?!(?:^|\\/)\\.{1,2}(?:\\/|$)).)*?', '.*?'],
  ['(?!\\.{1,2}(?:\\/|$))', ''],
  ['(?=.)', ''],
];

const OPTIONS = { dot: true, nocase: true, basename: false } as const;
const MAX_CACHED = 64;
const matcherCache = new Map<string, (p: string) => boolean>();

/** A matcher for one glob, linear in the path; picomatch's own only for a construct RE2 cannot run. */
export function globMatcher(glob: string): (path: string) => boolean {
  let source = picomatch.makeRe(glob, OPTIONS).source;
  for (const [guard, replacement] of DOT_SEGMENT_GUARDS) source = source.split(guard).join(replacement);
  try {
    const regex = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    return (path) => regex.matches(path);
  } catch {
    // A glob picomatch renders with other look-arounds (negated extglobs such as `!(x)`): matched
    // as picomatch does, on a path no longer than a real one.
    const fallback = picomatch(glob, OPTIONS);
    return (path) => path.length <= 4096 && fallback(path);
  }
}

function matcherFor(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    const each = globs.map(globMatcher);
    matcher = (p) => each.some((m) => m(p));
    if (matcherCache.size >= MAX_CACHED) matcherCache.delete(matcherCache.keys().next().value as string);
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/** True when the path (any separator) matches one of the globs. Globs without a slash match the base name. */
export function matchesGlobs(filePath: string | undefined, globs: string[]): boolean {
  if (!filePath || globs.length === 0) return false;
  const normalized = filePath.replace(/\\/g, '/');
  const matcher = matcherFor(globs);
  // Globs are written relative to a workspace; an absolute path must match them anywhere below the root.
  return matcher(normalized) || matcher(normalized.replace(/^\/+/, ''));
}

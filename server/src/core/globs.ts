import picomatch from 'picomatch';

const matcherCache = new Map<string, (p: string) => boolean>();

/** True when the path (any separator) matches one of the globs. Globs without a slash match the base name. */
export function matchesGlobs(filePath: string | undefined, globs: string[]): boolean {
  if (!filePath || globs.length === 0) return false;
  const normalized = filePath.replace(/\\/g, '/');
  const key = globs.join('\0');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = picomatch(globs, { dot: true, nocase: true, basename: false });
    matcherCache.set(key, matcher);
  }
  // Globs are written relative to a workspace; an absolute path must match them anywhere below the root.
  return matcher(normalized) || matcher(normalized.replace(/^\/+/, ''));
}

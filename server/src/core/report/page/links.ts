import * as path from 'node:path';

/**
 * The link from a page in `fromDir` to `file`: relative, `/`-separated, each segment
 * percent-encoded (so `:` is `%3A`: no file name can become a `javascript:` URL, and `#` or `?`
 * in a name stays part of it).
 */
export function relativeHref(fromDir: string, file: string): string {
  const relative = path.relative(fromDir, file) || path.basename(file);
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/**
 * Files a document or a config names (`pemFile`, `extraCaFiles`) are read only inside the root:
 * the workspace folder in the editor, the config file's folder (or the working directory) in the
 * CLI. A path that leaves it, by `..`, by being absolute elsewhere or through a symbolic link,
 * is refused unless the user set `allowPathsOutsideWorkspace`: an inventory from an untrusted
 * repository must not make the editor read ~/.ssh or /etc.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function real(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    // A file that does not exist is judged by its path; reading it fails later anyway.
    return path.resolve(p);
  }
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why `file` may not be read, or undefined when it may. `shown` is how the user wrote it. */
export function outsideRootReason(file: string, root: string | undefined, allowOutside: boolean, shown = file): string | undefined {
  if (allowOutside || root === undefined) return undefined;
  const resolved = path.resolve(root, file);
  const realRoot = real(root);
  if (!inside(resolved, path.resolve(root)) && !inside(resolved, realRoot)) {
    return `"${shown}" is outside the workspace (${root}); it is not read unless allowPathsOutsideWorkspace is set`;
  }
  if (!inside(real(resolved), realRoot)) {
    return `"${shown}" is a link to a file outside the workspace (${root}); it is not read unless allowPathsOutsideWorkspace is set`;
  }
  return undefined;
}

/**
 * Files a document or a config names (`pemFile`, `extraCaFiles`) are read only inside the root:
 * the workspace folder in the editor; in the CLI the repository, else the config file's folder,
 * else the document's folder (see policyRootFor). A path that leaves it, by `..`, by being
 * absolute elsewhere or through a symbolic link, is refused unless the user set
 * `allowPathsOutsideWorkspace`: an inventory from an untrusted repository must not make the
 * editor read ~/.ssh or /etc. The refusal reads the same whether the file exists or not, so a
 * repository cannot probe the machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Links followed before giving up (the kernel's own limit is 40). */
const MAX_LINK_HOPS = 40;

/**
 * Where `p` really is, following symbolic links also when their target does not exist: the
 * deepest existing ancestor's real path plus the rest, link targets read one hop at a time.
 */
export function realLocation(p: string, hops = 0): string {
  const absolute = path.resolve(p);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    // Missing, a dangling link or a loop: work it out by hand below.
  }
  if (hops >= MAX_LINK_HOPS) return absolute;
  try {
    if (fs.lstatSync(absolute).isSymbolicLink()) {
      return realLocation(path.resolve(path.dirname(absolute), fs.readlinkSync(absolute)), hops + 1);
    }
  } catch {
    // Does not exist: its parent decides.
  }
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(realLocation(parent, hops + 1), path.basename(absolute));
}

export function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why `file` may not be read, or undefined when it may. `shown` is how the user wrote it. */
export function outsideRootReason(file: string, root: string | undefined, allowOutside: boolean, shown = file): string | undefined {
  if (allowOutside || root === undefined) return undefined;
  const resolved = path.resolve(root, file);
  const realRoot = realLocation(root);
  const lexicallyInside = isInside(resolved, path.resolve(root)) || isInside(resolved, realRoot);
  if (lexicallyInside && isInside(realLocation(resolved), realRoot)) return undefined;
  return `"${shown}" is outside the workspace (${root}), directly or through a link; it is not read unless allowPathsOutsideWorkspace is set`;
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in a worktree). */
export function repositoryRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The CLI's workspace for a document, for path policy: the repository holding it, else the
 * folder of the config file that applies, else the document's own folder. Never the working
 * directory: run from `/`, a repository must not reach /etc.
 */
export function policyRootFor(file: string, configFile: string | undefined): string {
  const dir = path.dirname(path.resolve(file));
  return repositoryRoot(dir) ?? (configFile ? path.dirname(path.resolve(configFile)) : dir);
}

/**
 * A folder walk that stays home: it never leaves its root through a symbolic link, cannot loop,
 * skips what it cannot read with a warning and still walks the rest, and applies .gitignore files
 * as git does (the repository's, from its root down).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { errnoReason } from './errors';
import { isInside, repositoryRoot } from './pathPolicy';
import { READ_LIMITS, readTextFileSync } from './readFile';

/** Folders never walked: dependencies and git's own store. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface WalkOptions {
  /** Which files to return, by their path relative to the walk's root with forward slashes. */
  accept(relativePath: string): boolean;
  /** One call per folder or file that could not be read. */
  warn(message: string): void;
  /** How a path is named in warnings (default: as is). */
  show?(file: string): string;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** Every accepted file under `root`, absolute and sorted. */
export async function walkFolder(root: string, options: WalkOptions): Promise<string[]> {
  const start = path.resolve(root);
  const found: string[] = [];
  // Depth-first with an explicit stack: a deep tree must not overflow the call stack.
  const stack: { dir: string; ignores: IgnoreLayer[] }[] = [{ dir: start, ignores: ancestorIgnores(start, options.warn) }];
  while (stack.length > 0) {
    const { dir, ignores: inherited } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.warn(`${options.show?.(dir) ?? dir}: cannot read this folder (${errnoReason(e)}); skipped`);
      continue;
    }
    const ignores = withIgnoreFile(inherited, dir, entries, options.warn);
    for (const entry of entries) {
      // Links are not followed: one into the root leads where the walk goes anyway (each file is
      // checked once, at its real path), one out of it leads where the walk must not go, and
      // neither can make it loop.
      if (entry.isSymbolicLink()) continue;
      const isDir = entry.isDirectory();
      if (isDir && SKIPPED_FOLDERS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (isIgnored(ignores, full, isDir)) continue;
      if (isDir) stack.push({ dir: full, ignores });
      else if (entry.isFile() && options.accept(path.relative(start, full).split(path.sep).join('/'))) found.push(full);
    }
  }
  return found.sort();
}

/** The .gitignore files from the repository root down to (not including) `dir`. */
function ancestorIgnores(dir: string, warn: (message: string) => void): IgnoreLayer[] {
  const repo = repositoryRoot(dir);
  if (!repo) return [];
  const chain: string[] = [];
  for (let current = path.dirname(dir); isInside(current, repo); current = path.dirname(current)) {
    chain.unshift(current);
    if (current === repo) break;
  }
  return chain.flatMap((folder) => loadIgnoreFile(folder, warn));
}

function withIgnoreFile(inherited: IgnoreLayer[], dir: string, entries: fs.Dirent[], warn: (message: string) => void): IgnoreLayer[] {
  if (!entries.some((e) => e.name === '.gitignore')) return inherited;
  return [...inherited, ...loadIgnoreFile(dir, warn)];
}

function loadIgnoreFile(dir: string, warn: (message: string) => void): IgnoreLayer[] {
  const file = path.join(dir, '.gitignore');
  if (!fs.existsSync(file)) return [];
  try {
    return [{ base: dir, rules: ignore().add(readTextFileSync(file, { maxBytes: READ_LIMITS.config, what: '.gitignore file' })) }];
  } catch (e) {
    warn(`${(e as Error).message}; its rules are not applied`);
    return [];
  }
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const { base, rules } of layers) {
    const relative = path.relative(base, full).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    if (rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * Whether walkFolder(root) would return `file` (accepted by `accept`): inside the root, through no
 * skipped, ignored or linked folder, not ignored itself, a regular file. For one file that
 * changed (the server's file events), without walking the folder again.
 */
export function isWalkedFile(root: string, file: string, accept: (relativePath: string) => boolean, warn: (message: string) => void): boolean {
  const start = path.resolve(root);
  const full = path.resolve(file);
  const relative = path.relative(start, full);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  if (parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part)) || !accept(parts.join('/'))) return false;
  let ignores = ancestorIgnores(start, warn);
  let dir = start;
  for (const [i, part] of parts.entries()) {
    ignores = [...ignores, ...loadIgnoreFile(dir, warn)];
    const next = path.join(dir, part);
    const isDir = i < parts.length - 1;
    if (isIgnored(ignores, next, isDir)) return false;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(next);
    } catch {
      return false;
    }
    if (stat.isSymbolicLink() || (isDir ? !stat.isDirectory() : !stat.isFile())) return false;
    dir = next;
  }
  return true;
}

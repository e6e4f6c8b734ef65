/**
 * What `incident-docs diff` asks of git: the repository, the base commit, the files the change
 * touches and the old contents of each. git runs through execFile (no shell); a ref is resolved
 * to its commit id once, behind --end-of-options, and only ids reach the later commands; paths
 * are literal pathspecs inside the repository; every output is bounded.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors';

/** Bounds the lists git prints (names of changed files); contents are bounded by maxFileSizeBytes. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ZERO_ID = /^0+$/;

/** Modes git records: a regular file (644 or 755), a symbolic link, a submodule, nothing. */
const REGULAR_FILE = /^100(?:644|755|664)$/;

export interface TouchedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  status: 'added' | 'deleted' | 'modified';
  /** The blob of the base version, when it is a regular file there. */
  oldBlob?: string;
  /** What the base version is when it is not a regular file ("a symbolic link", "a submodule"). */
  oldNotAFile?: string;
}

export interface BaseCommit {
  /** The repository's top folder (as git prints it). */
  root: string;
  /** REF's commit. */
  commit: string;
  /** The merge base of REF and HEAD: what a pull request is compared with. */
  mergeBase: string;
}

interface GitRun {
  stdout: Buffer;
  truncated: boolean;
}

function git(args: string[], cwd: string, maxBuffer = MAX_LIST_BYTES): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, truncated: false });
      const e = error as NodeJS.ErrnoException & { code?: string | number };
      if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ stdout: Buffer.from(stdout ?? []), truncated: true });
      if (e.code === 'ENOENT') return reject(new CliError('diff needs git, and git is not installed (or not on PATH)'));
      reject(new GitFailure(firstLine(stderr?.toString('utf8') ?? '') || e.message));
    });
  });
}

class GitFailure extends Error {}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

async function gitText(args: string[], cwd: string, explain: (detail: string) => string): Promise<string> {
  try {
    const run = await git(args, cwd);
    if (run.truncated) throw new CliError(explain(`git ${args[0]} printed more than ${MAX_LIST_BYTES} bytes`));
    return run.stdout.toString('utf8');
  } catch (e) {
    if (e instanceof GitFailure) throw new CliError(explain(e.message));
    throw e;
  }
}

/** Finds the repository around `cwd` and resolves `ref` (refused when git could read it as an option). */
export async function resolveBase(ref: string, cwd: string): Promise<BaseCommit> {
  if (!ref.trim() || ref.startsWith('-')) throw new CliError(`--base: "${ref}" is not a git ref`);
  const root = (await gitText(['rev-parse', '--show-toplevel'], cwd, () => `${cwd} is not inside a git repository`)).trim();
  const notCommit = () => `--base: "${ref}" is not a commit in this repository (in CI, fetch the history: actions/checkout with fetch-depth: 0)`;
  const commit = (await gitText(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root, notCommit)).trim();
  if (!OBJECT_ID.test(commit)) throw new CliError(notCommit());
  const mergeBase = (
    await gitText(['merge-base', '--end-of-options', commit, 'HEAD'], root, () =>
      `--base: "${ref}" and HEAD have no common ancestor (a shallow clone? fetch with fetch-depth: 0)`,
    )
  ).trim();
  if (!OBJECT_ID.test(mergeBase)) throw new CliError(`--base: no merge base of "${ref}" and HEAD`);
  return { root, commit, mergeBase };
}

/**
 * The PATHs as literal pathspecs relative to the repository root; a PATH outside it is refused.
 * No PATH means the whole repository.
 */
export function pathspecs(paths: readonly string[], cwd: string, root: string): string[] {
  if (paths.length === 0) return ['.'];
  const realCwd = realPath(cwd);
  const realRoot = realPath(root);
  return paths.map((p) => {
    const relative = path.relative(realRoot, path.resolve(realCwd, p));
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw new CliError(`${p}: outside the repository (${root})`);
    }
    return relative === '' ? '.' : relative.split(path.sep).join('/');
  });
}

/**
 * Files that differ between `base` and the working tree (committed, staged or not), and untracked
 * ones .gitignore does not hide, under the pathspecs. Renames are a deletion and an addition.
 */
export async function touchedFiles(root: string, base: string, specs: readonly string[]): Promise<TouchedFile[]> {
  const explain = (detail: string) => `git could not list the changed files: ${detail}`;
  const raw = await gitText(
    ['--literal-pathspecs', 'diff', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--end-of-options', base, '--', ...specs],
    root,
    explain,
  );
  const untracked = await gitText(['--literal-pathspecs', 'ls-files', '--others', '--exclude-standard', '-z', '--', ...specs], root, explain);
  const files = new Map<string, TouchedFile>();
  const fields = raw.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // ":100644 100644 <old id> <new id> M", then the path.
    const [oldMode, newMode, oldId, , status] = fields[i].replace(/^:/, '').split(' ');
    const name = fields[i + 1];
    if (!name || !status) continue;
    const file: TouchedFile = {
      path: name,
      status: status === 'A' || ZERO_ID.test(oldMode) ? 'added' : status === 'D' || ZERO_ID.test(newMode) ? 'deleted' : 'modified',
    };
    if (file.status !== 'added') {
      if (REGULAR_FILE.test(oldMode) && OBJECT_ID.test(oldId)) file.oldBlob = oldId;
      else file.oldNotAFile = describeMode(oldMode);
    }
    files.set(name, file);
  }
  for (const name of untracked.split('\0')) if (name && !files.has(name)) files.set(name, { path: name, status: 'added' });
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function describeMode(mode: string): string {
  if (mode === '120000') return 'a symbolic link';
  if (mode === '160000') return 'a submodule';
  return `not a regular file (mode ${mode})`;
}

/** A blob's bytes, at most `maxBytes` of them (`truncated` when it holds more). */
export async function readBlob(root: string, blob: string, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (!OBJECT_ID.test(blob)) throw new CliError(`not a blob id: ${blob}`);
  try {
    const run = await git(['cat-file', 'blob', blob], root, maxBytes);
    return { bytes: run.stdout.subarray(0, maxBytes), truncated: run.truncated };
  } catch (e) {
    if (e instanceof GitFailure) throw new CliError(`git could not read ${blob}: ${e.message}`);
    throw e;
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

/**
 * `lint --changed-since REF`: the files a pull request touches. That is everything that differs
 * between the merge base of REF and HEAD and the working tree (committed on the branch, staged or
 * not), plus untracked files that .gitignore does not hide. Deleted files are left out. Files a
 * merge into REF's branch changed after the branch point are not the PR's, so the merge base
 * rather than REF itself is the baseline (what `git diff REF...HEAD` does).
 */
export function changedFilesSince(ref: string, cwd: string): Set<string> {
  // A leading dash would be read by git as an option.
  if (!ref.trim() || ref.startsWith('-')) throw new CliError(`--changed-since: "${ref}" is not a git ref`);
  const root = git(['rev-parse', '--show-toplevel'], cwd, () => `${cwd} is not inside a git repository`).trim();
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, () =>
    `"${ref}" is not a commit in this repository (in CI, fetch the history: actions/checkout with fetch-depth: 0)`,
  );
  const base = git(['merge-base', ref, 'HEAD'], root, () =>
    `"${ref}" and HEAD have no common ancestor (a shallow clone? fetch with fetch-depth: 0)`,
  ).trim();
  const changed = git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', base, '--'], root);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  const files = new Set<string>();
  for (const name of [...changed.split('\0'), ...untracked.split('\0')]) {
    if (name) files.add(realPath(path.resolve(root, name)));
  }
  return files;
}

/** The expanded PATHs that are among the changed files; both sides compared as real paths (symlinked temp dirs, /private on macOS). */
export function keepChanged(files: string[], changed: Set<string>): string[] {
  return files.filter((f) => changed.has(realPath(f)));
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function git(args: string[], cwd: string, explain?: () => string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string };
    if (error.code === 'ENOENT') throw new CliError('--changed-since needs git, and git is not installed (or not on PATH)');
    const detail = explain?.() ?? `git ${args[0]} failed: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`;
    throw new CliError(`--changed-since: ${detail}`);
  }
}

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, runJson, tempTree, fixture } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
// Every file reports pm/invalid-time, so the files in the JSON output are the files linted.
const BROKEN = fixture('broken-postmortem.md');

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

function write(root: string, name: string, text = BROKEN): void {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}

function lintedFiles(args: string[], cwd: string): string[] {
  const run = runJson([...args, ...NOW], { cwd });
  assert.equal(run.stderr, '');
  return [...new Set(run.findings.map((f) => f.file))].sort();
}

/**
 * main: base commit, then (after the branch point) main-only.md. The branch "pr" commits changed
 * and added files and deletes one; the working tree adds staged, unstaged and untracked changes.
 */
function repository(): string {
  const root = tempTree({});
  git(root, 'init', '-q', '-b', 'main');
  for (const name of ['postmortems/changed.md', 'postmortems/same.md', 'postmortems/deleted.md', 'postmortems/dirty.md', 'other/changed.md']) {
    write(root, name);
  }
  write(root, '.gitignore', 'ignored.md\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'checkout', '-q', '-b', 'pr');
  git(root, 'checkout', '-q', 'main');
  write(root, 'postmortems/main-only.md');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'on main after the branch point');
  git(root, 'checkout', '-q', 'pr');
  write(root, 'postmortems/changed.md', `${BROKEN}\nMore.\n`);
  write(root, 'other/changed.md', `${BROKEN}\nMore.\n`);
  write(root, 'postmortems/added.md');
  fs.rmSync(path.join(root, 'postmortems/deleted.md'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'the pull request');
  write(root, 'postmortems/staged.md');
  git(root, 'add', 'postmortems/staged.md');
  write(root, 'postmortems/dirty.md', `${BROKEN}\nEdited, not committed.\n`);
  write(root, 'postmortems/untracked with space.md');
  write(root, 'postmortems/ignored.md');
  return root;
}

describe('lint --changed-since', () => {
  const root = repository();

  it('without it, every file is linted (the baseline for the tests below)', () => {
    assert.deepEqual(lintedFiles(['.'], root), [
      'other/changed.md',
      'postmortems/added.md',
      'postmortems/changed.md',
      'postmortems/dirty.md',
      'postmortems/same.md',
      'postmortems/staged.md',
      'postmortems/untracked with space.md',
    ]);
  });

  it('lints the files changed since the merge base, uncommitted and untracked ones included, not ignored or deleted ones', () => {
    assert.deepEqual(lintedFiles(['.', '--changed-since', 'main'], root), [
      'other/changed.md',
      'postmortems/added.md',
      'postmortems/changed.md',
      'postmortems/dirty.md',
      'postmortems/staged.md',
      'postmortems/untracked with space.md',
    ]);
  });

  it('keeps to the PATH arguments: folders, files and globs', () => {
    assert.deepEqual(lintedFiles(['other', '--changed-since', 'main'], root), ['other/changed.md']);
    assert.deepEqual(lintedFiles(['postmortems/same.md', 'postmortems/added.md', '--changed-since', 'main'], root), ['postmortems/added.md']);
    assert.deepEqual(lintedFiles(['postmortems/*ed.md', '--changed-since', 'main'], root), [
      'postmortems/added.md',
      'postmortems/changed.md',
      'postmortems/staged.md',
    ]);
  });

  it('works from a subfolder and with HEAD (only uncommitted and untracked changes)', () => {
    assert.deepEqual(lintedFiles(['.', '--changed-since', 'HEAD'], path.join(root, 'postmortems')), [
      'dirty.md',
      'staged.md',
      'untracked with space.md',
    ]);
  });

  it('with nothing changed, checks nothing and exits 0', () => {
    const run = runCli(['lint', 'postmortems/same.md', '--changed-since', 'main', ...NOW], { cwd: root });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No files checked/);
  });

  it('exits 2 with a clear message for an unknown ref, a shallow-clone-like history, outside a repository, and without git', () => {
    const unknown = runCli(['lint', '.', '--changed-since', 'origin/nope', ...NOW], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--changed-since: "origin\/nope" is not a commit in this repository.*fetch-depth: 0/);

    const dash = runCli(['lint', '.', '--changed-since=--output=x', ...NOW], { cwd: root });
    assert.equal(dash.code, 2);
    assert.match(dash.stderr, /is not a git ref/);

    // An orphan branch shares no history with main, as a shallow clone's HEAD often does not.
    const lonely = tempTree({});
    git(lonely, 'init', '-q', '-b', 'main');
    write(lonely, 'postmortems/a.md');
    git(lonely, 'add', '-A');
    git(lonely, 'commit', '-q', '-m', 'one');
    git(lonely, 'checkout', '-q', '--orphan', 'other');
    git(lonely, 'commit', '-q', '-m', 'two');
    const unrelated = runCli(['lint', '.', '--changed-since', 'main', ...NOW], { cwd: lonely });
    assert.equal(unrelated.code, 2);
    assert.match(unrelated.stderr, /no common ancestor/);

    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-nogit-')));
    write(outside, 'postmortems/a.md');
    const notRepo = runCli(['lint', '.', '--changed-since', 'main', ...NOW], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
    fs.rmSync(outside, { recursive: true, force: true });
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /is not inside a git repository/);

    const emptyBin = tempTree({ '.keep': '' });
    const noGit = runCli(['lint', '.', '--changed-since', 'main', ...NOW], { cwd: root, env: { PATH: emptyBin } });
    assert.equal(noGit.code, 2);
    assert.match(noGit.stderr, /needs git, and git is not installed/);

    for (const run of [unknown, dash, unrelated, notRepo, noGit]) {
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stdout, '');
    }
  });
});

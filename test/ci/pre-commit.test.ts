// .pre-commit-hooks.yaml with the real pre-commit (from PyPI; scripts/test-setup.sh installs it)
// in temporary git repositories. Nothing is fetched: the manifest's hooks run as `repo: local`
// hooks with `language: system`, the built CLI standing in for the installed `incident-docs`.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { CLI, FIXTURES, REPO_ROOT, tempTree } from '../cli/helpers';
import { preCommit } from '../helpers/tools';

interface ManifestHook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or?: string[];
  files?: string;
  args?: string[];
}

const MANIFEST = path.join(REPO_ROOT, '.pre-commit-hooks.yaml');
const hooks = parse(fs.readFileSync(MANIFEST, 'utf8')) as ManifestHook[];
const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-postmortem.md'), 'utf8');
/** An hour that does not exist: pm/invalid-time, an error. */
const BAD = CLEAN.replace('- 10:30 Certificate renewed by hand', '- 25:30 Certificate renewed by hand');
/** Only what the safe fixes mend: an empty row (info) and a misspelt heading (warning). */
const FIXABLE = CLEAN.replace('| Update the renewal runbook | OPS-102 | In progress |', '| Update the renewal runbook | OPS-102 | In progress |\n|  |  |  |').replace('## Resolution', '## Resolutoin');

/** `incident-docs` on PATH, as `npm install -g` would put it, running the built CLI. */
function shimDir(): string {
  const dir = tempTree({ 'incident-docs': `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n` });
  fs.chmodSync(path.join(dir, 'incident-docs'), 0o755);
  return dir;
}

/** A git repository whose .pre-commit-config.yaml runs the manifest's hook `id` locally, installed as its pre-commit hook. */
function repository(id: string) {
  const hook = hooks.find((h) => h.id === id);
  assert.ok(hook, `${id} in .pre-commit-hooks.yaml`);
  const root = tempTree({});
  const home = tempTree({});
  const env = { ...process.env, PATH: `${shimDir()}${path.delimiter}${process.env.PATH}`, PRE_COMMIT_HOME: home, HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
  const run = (command: string, args: string[]): SpawnSyncReturns<string> => spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  const git = (...args: string[]) => run('git', args);
  for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.email', 'ci@example.com'], ['config', 'user.name', 'CI'], ['config', 'commit.gpgsign', 'false']]) {
    assert.equal(git(...args).status, 0);
  }
  const local = { ...hook, language: 'system' };
  fs.writeFileSync(path.join(root, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: 'local', hooks: [local] }] }));
  const install = run(preCommit(), ['install']);
  assert.equal(install.status, 0, install.stderr + install.stdout);
  assert.equal(git('add', '.pre-commit-config.yaml').status, 0);
  assert.equal(git('commit', '-q', '--no-verify', '-m', 'pre-commit').status, 0);
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
    assert.equal(git('add', name).status, 0);
  };
  // A hook's output reaches the terminal through git, on stderr or stdout: read both.
  const commit = (message: string) => {
    const result = git('commit', '-m', message);
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const commits = () => git('rev-list', '--count', 'HEAD').stdout.trim();
  const read = (name: string) => fs.readFileSync(path.join(root, name), 'utf8');
  return { write, commit, commits, read };
}

describe('.pre-commit-hooks.yaml', () => {
  it('is a manifest pre-commit accepts, with a check hook and a --fix hook for Markdown and YAML', () => {
    const valid = spawnSync(preCommit(), ['validate-manifest', MANIFEST], { encoding: 'utf8' });
    assert.equal(valid.status, 0, valid.stdout + valid.stderr);
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language, h.types_or]), [
      ['incident-docs', 'incident-docs lint', 'node', ['markdown', 'yaml']],
      ['incident-docs-fix', 'incident-docs lint --fix', 'node', ['markdown', 'yaml']],
    ]);
  });

  it('incident-docs: a commit with a bad post-mortem is refused; fixed, it passes', () => {
    const repo = repository('incident-docs');
    repo.write('postmortems/2026-03-02-checkout.md', BAD);
    repo.write('notes/README.md', '# Notes\n\nNot an incident.\n');
    const refused = repo.commit('add the post-mortem');
    assert.notEqual(refused.status, 0);
    assert.match(refused.output, /incident-docs\.+Failed/);
    assert.match(refused.output, /postmortems\/2026-03-02-checkout\.md:\d+:\d+\s+error\s+pm\/invalid-time/);
    assert.equal(repo.commits(), '1', 'nothing committed');

    repo.write('postmortems/2026-03-02-checkout.md', CLEAN);
    const passed = repo.commit('add the post-mortem');
    assert.equal(passed.status, 0, passed.output);
    assert.match(passed.output, /incident-docs\.+Passed/);
    assert.equal(repo.commits(), '2');
  });

  it('incident-docs-fix: fixes the staged file and stops the commit to show it; staged again, it passes', () => {
    const repo = repository('incident-docs-fix');
    repo.write('postmortems/2026-03-02-checkout.md', FIXABLE);
    const stopped = repo.commit('add the post-mortem');
    assert.notEqual(stopped.status, 0);
    assert.match(stopped.output, /files were modified by this hook/);
    assert.equal(repo.read('postmortems/2026-03-02-checkout.md'), CLEAN, 'the row is gone and the heading renamed');
    assert.equal(repo.commits(), '1');

    repo.write('postmortems/2026-03-02-checkout.md', repo.read('postmortems/2026-03-02-checkout.md'));
    const passed = repo.commit('add the post-mortem');
    assert.equal(passed.status, 0, passed.output);
    assert.equal(repo.commits(), '2');
  });

  it('incident-docs-fix still refuses what no safe fix mends', () => {
    const repo = repository('incident-docs-fix');
    repo.write('postmortems/2026-03-02-checkout.md', BAD);
    const refused = repo.commit('add the post-mortem');
    assert.notEqual(refused.status, 0);
    assert.match(refused.output, /pm\/invalid-time/);
    assert.equal(repo.read('postmortems/2026-03-02-checkout.md'), BAD);
  });
});

// The GitHub Action: action.yml, and its entry point (dist/action.js) run as the runner runs it,
// with INPUT_* variables and the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { FIXTURES, REPO_ROOT, runJson, SEED, tempTree, type JsonFinding } from '../cli/helpers';

const ACTION = path.join(REPO_ROOT, 'dist', 'action.js');
const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-postmortem.md'), 'utf8');

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the entry point in `cwd` with the given inputs, as the runner would (no INPUT_ for an input left out). */
function runAction(cwd: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): ActionRun {
  if (!fs.existsSync(ACTION)) throw new Error(`${ACTION} is missing: run \`npm run build\` first`);
  const files = tempTree({ 'output.txt': '', 'summary.md': '' });
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const run = spawnSync(process.execPath, [ACTION], {
    cwd,
    encoding: 'utf8',
    env: { ...base, ...inputEnv, GITHUB_OUTPUT: path.join(files, 'output.txt'), GITHUB_STEP_SUMMARY: path.join(files, 'summary.md'), GITHUB_ACTIONS: 'true', ...env },
  });
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: parseOutputs(fs.readFileSync(path.join(files, 'output.txt'), 'utf8')),
    summary: fs.readFileSync(path.join(files, 'summary.md'), 'utf8'),
  };
}

/** GITHUB_OUTPUT's `name<<DELIMITER` entries (the runner's own reading of the file). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf(m[2], i + 1);
    assert.ok(end > i, `entry ${m[1]} is closed`);
    outputs[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

function count(findings: JsonFinding[], ...severities: string[]): string {
  return String(findings.filter((f) => severities.includes(f.severity)).length);
}

describe('action.yml', () => {
  const action = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'));

  it('runs the bundled entry point on node20, with the documented inputs and defaults', () => {
    assert.deepEqual(action.runs, { using: 'node20', main: 'dist/action.js' });
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'changed-since', 'max-warnings', 'sarif-file']);
    assert.equal(action.inputs.format.default, 'github');
    assert.equal(action.inputs.paths.default, '.');
    assert.deepEqual(Object.keys(action.outputs), ['errors', 'warnings', 'infos', 'files', 'exit-code', 'sarif-file']);
  });
});

describe('the action\'s entry point', () => {
  // Documents whose findings do not depend on the day (the action has no --now: it runs on the clock).
  const root = tempTree({ 'clean/postmortem.md': CLEAN });
  for (const example of ['postmortems', 'cert-manager']) fs.cpSync(path.join(REPO_ROOT, 'examples', example), path.join(root, 'examples', example), { recursive: true });
  fs.copyFileSync(SEED, path.join(root, 'seed-postmortem.md'));
  const { findings } = runJson(['.'], { cwd: root });

  it('annotates every finding, fails the step on errors, and sets the outputs', () => {
    const run = runAction(root, { paths: '.', 'sarif-file': 'reports/incident-docs.sarif' });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, findings.length);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z]+\/[a-z-]+::/);
    assert.deepEqual(run.outputs, {
      errors: count(findings, 'error'),
      warnings: count(findings, 'warning'),
      infos: count(findings, 'info', 'hint'),
      files: String(new Set([...findings.map((f) => f.file), 'clean/postmortem.md']).size),
      'exit-code': '1',
      'sarif-file': 'reports/incident-docs.sarif',
    });
    const sarif = JSON.parse(fs.readFileSync(path.join(root, 'reports/incident-docs.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, findings.length);
  });

  it('writes a job summary: the counts, a table row per file with findings, the findings folded', () => {
    const { summary } = runAction(root, { paths: '.' });
    assert.match(summary, /^## incident-docs\n\n\d+ errors, \d+ warnings, \d+ infos in \d+ files \\?\(?\d+ checked\)?\n/);
    assert.match(summary, /\| File \| Errors \| Warnings \| Infos and hints \|\n\| --- \| ---: \| ---: \| ---: \|\n/);
    const files = [...new Set(findings.map((f) => f.file))];
    for (const file of files) {
      const mine = findings.filter((f) => f.file === file);
      assert.ok(summary.includes(`| ${file} | ${count(mine, 'error')} | ${count(mine, 'warning')} | ${count(mine, 'info', 'hint')} |`), `row of ${file}`);
    }
    assert.ok(!summary.includes('| clean/postmortem.md |'), 'files without findings are only counted');
    assert.match(summary, new RegExp(`<details><summary>Findings \\(${findings.length}\\)</summary>`));
  });

  it('takes paths one per line, a format, and max-warnings', () => {
    const warningsOnly = tempTree({ 'a/postmortem.md': CLEAN.replace('## Resolution', '## Resolutoin'), 'b/postmortem.md': CLEAN });
    const lines = runAction(warningsOnly, { paths: 'a\nb\n', format: 'json', 'max-warnings': '0' });
    assert.equal(lines.code, 1);
    assert.match(lines.stderr, /1 warnings, more than --max-warnings 0/);
    assert.deepEqual((JSON.parse(lines.stdout) as JsonFinding[]).map((f) => [f.file, f.rule]), [['a/postmortem.md', 'pm/required-section']]);
    assert.equal(lines.outputs.files, '2');
    assert.equal(runAction(warningsOnly, { paths: 'a b', 'max-warnings': '1' }).code, 0);
  });

  it('changed-since: only what a pull request changed', () => {
    const repo = tempTree({ 'postmortems/a.md': CLEAN, 'postmortems/b.md': CLEAN });
    const git = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).status, 0, args.join(' '));
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-q', '--allow-empty', '-m', 'base');
    git('add', '.');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-q', '-m', 'two post-mortems');
    git('tag', 'base');
    fs.writeFileSync(path.join(repo, 'postmortems/b.md'), CLEAN.replace('10:30', '25:30'));
    const run = runAction(repo, { 'changed-since': 'base' });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.outputs.files, '1');
    assert.match(run.stdout, /^::error file=postmortems\/b\.md,/);
  });

  it('escapes what a repository writes, so the summary gets no markup, link or image from it', () => {
    const name = 'postmortems/<img src=x onerror=alert(1)>[a](https:evil.example)*b*.md';
    const hostile = tempTree({ [name]: CLEAN.replace('10:30', '25:30') });
    const { summary, code } = runAction(hostile, {});
    assert.equal(code, 1);
    assert.ok(!summary.includes('<img'), summary);
    assert.ok(summary.includes('&lt;img src=x onerror=alert(1)&gt;\\[a\\](https:evil.example)\\*b\\*.md'), summary);
  });

  it('a bad input fails the step with a message the run\'s page shows, exit code 2', () => {
    const run = runAction(root, { format: 'yaml' });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^::error title=incident-docs::input format: unknown format "yaml"/);
    const max = runAction(root, { 'max-warnings': 'many' });
    assert.equal(max.code, 2);
    assert.match(max.stdout, /input max-warnings: Expected a whole number/);
  });
});

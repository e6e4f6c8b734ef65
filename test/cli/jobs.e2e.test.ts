/**
 * `lint --jobs`: files checked in worker threads give exactly what one thread gives (every format,
 * stderr, exit code, --fix's files), a worker that dies is exit 2 naming the file, and --jobs
 * takes whole numbers above 0 only. Through the built CLI: workers run dist/incident-docs.js.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { certificate, entry, inventory } from '../helpers/crossFile';
import { CLI, REPO_ROOT, tempTree, type CliRun } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'];
const EXAMPLE = fs.readFileSync(path.join(REPO_ROOT, 'examples/postmortems/2026-03-02-api-gateway-cert-expiry.md'), 'utf8');
const EMPTY_ROW = '|  |  |\n';

/** Preloaded into every thread of the CLI: each worker names itself on stderr. */
const hookDir = tempTree({ 'worker-hook.cjs': "const w = require('node:worker_threads'); if (!w.isMainThread) process.stderr.write('WORKER\\n');\n" });
const WORKER_HOOK = `--require ${path.join(hookDir, 'worker-hook.cjs')}`;

/** The built CLI, with a time limit: a run that hangs fails the test instead of hanging it. */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const merged = { ...process.env, ...env };
  delete merged.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: merged, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workersOf = (run: CliRun) => run.stderr.split('\n').filter((l) => l === 'WORKER').length;

/**
 * A repository of every kind: real post-mortems, the examples (inventories with PEM files,
 * cert-manager manifests), an inventory and manifests that name each other (cross-file findings
 * both ways), a suppression, a settings file with a problem and one that cannot be used.
 */
function mixedRepository(): string {
  const files: Record<string, string> = {};
  const postmortems = path.join(REPO_ROOT, 'test/fixtures/postmortems');
  for (const name of fs.readdirSync(postmortems).filter((f) => f.endsWith('.md')).sort()) files[`postmortems/${name}`] = fs.readFileSync(path.join(postmortems, name), 'utf8');
  files['incidents/2026-03-02-suppressed.md'] = EXAMPLE.replace(EMPTY_ROW, `<!-- incident-docs-disable-next-line pm/empty-row -->\n${EMPTY_ROW}`);
  files['incidents/2026-03-02-not-suppressed.md'] = EXAMPLE;
  files['platform/cert-inventory.yaml'] = inventory(entry('web', ['www.example.com']), entry('api', ['api.example.com'], { namespace: 'api' }));
  files['platform/k8s/certificates.yaml'] = [certificate('web', ['www.example.com'], { namespace: 'web' }), certificate('shop', ['shop.example.com'], { namespace: 'shop' })].join('---\n');
  files['team-b/.incident-docs.yaml'] = 'warnDays: 20\nnoSuchSetting: true\n';
  files['team-b/postmortems/outage.md'] = EXAMPLE;
  files['team-b/certificates.yaml'] = inventory(entry('shop', ['shop.example.com'], { namespace: 'shop' }));
  // A settings file that cannot be used: its files are not checked (exit 2), each said in a worker.
  files['team-c/.incident-docs.yaml'] = 'rules: [unclosed\n';
  files['team-c/postmortems/a.md'] = EXAMPLE;
  files['team-c/postmortems/b.md'] = EXAMPLE;
  const root = tempTree(files);
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  return root;
}

describe('lint --jobs: the same output as one thread', () => {
  const root = mixedRepository();

  for (const format of FORMATS) {
    it(`--format ${format}: stdout, stderr and exit code of --jobs 3 are those of --jobs 1`, () => {
      const one = cli(['lint', ...NOW, '--format', format, '--jobs', '1', '.'], root);
      const three = cli(['lint', ...NOW, '--format', format, '--jobs', '3', '.'], root);
      assert.deepEqual(three, one);
      // The run had something to keep in order: findings, a file not read (exit 2), a settings problem.
      assert.equal(one.code, 2, one.stderr);
      assert.match(one.stderr, /team-c\/postmortems\/b\.md: not checked/);
      assert.match(one.stderr, /noSuchSetting/);
      assert.ok(one.stdout.length > 1000);
    });
  }

  it('three workers ran, and their findings include both cross-file rules and honour the suppression', () => {
    const one = cli(['lint', ...NOW, '--format', 'json', '--jobs', '1', '.'], root, { NODE_OPTIONS: WORKER_HOOK });
    const three = cli(['lint', ...NOW, '--format', 'json', '--jobs', '3', '.'], root, { NODE_OPTIONS: WORKER_HOOK });
    assert.equal(workersOf(one), 0);
    assert.equal(workersOf(three), 3);
    assert.equal(three.stdout, one.stdout);
    // stderr is a pipe here: no progress line.
    assert.doesNotMatch(three.stderr, /checking files/);
    const findings = JSON.parse(three.stdout) as { file: string; rule: string }[];
    const rules = new Set(findings.map((f) => f.rule));
    assert.ok(rules.has('cert/not-in-inventory') && rules.has('cert/no-certificate-resource'), [...rules].join(', '));
    const emptyRows = (file: string) => findings.filter((f) => f.file === file && f.rule === 'pm/empty-row').length;
    assert.ok(emptyRows('incidents/2026-03-02-not-suppressed.md') > 0);
    assert.equal(emptyRows('incidents/2026-03-02-suppressed.md'), emptyRows('incidents/2026-03-02-not-suppressed.md') - 1);
  });

  it('--quiet, --max-warnings and --rule runs of some folders agree too', () => {
    for (const extra of [['--quiet'], ['--max-warnings', '0'], ['--rule', 'pm/empty-row=error']]) {
      const one = cli(['lint', ...NOW, ...extra, '--jobs', '1', 'examples', 'platform', 'team-b'], root);
      const two = cli(['lint', ...NOW, ...extra, '--jobs', '2', 'examples', 'platform', 'team-b'], root);
      assert.deepEqual(two, one, extra.join(' '));
    }
  });
});

/**
 * Every file that waits for the cross-file facts (inventories, manifests) comes first, so that the
 * first worker parses them all and the others take theirs off its queue in the cross-file step.
 */
function skewedRepository(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) {
    const n = String(i).padStart(2, '0');
    files[`a-certs/inventory-${n}.yaml`] = inventory(entry(`svc-${n}`, [`svc-${n}.example.com`], { namespace: `ns-${n}` }), entry(`old-${n}`, [`old-${n}.example.com`], { expires: '2026-12-01' }));
    // Half the services have their Certificate; one Certificate per file is in no inventory.
    if (i % 2 === 0) files[`a-certs/certificate-${n}.yaml`] = [certificate(`svc-${n}`, [`svc-${n}.example.com`], { namespace: `ns-${n}` }), certificate(`stray-${n}`, [`stray-${n}.example.com`], { namespace: 'x' })].join('---\n');
  }
  for (let i = 0; i < 300; i++) files[`notes/n-${String(i).padStart(3, '0')}.md`] = `# Note ${i}\n\nSee [the runbook](https://wiki.example.com/${i}).\n`;
  return tempTree(files);
}

describe('lint --jobs: the cross-file step shared out', () => {
  const root = skewedRepository();

  for (const format of ['json', 'gitlab']) {
    it(`--format ${format}: files parsed in one worker and linted in another give what one thread gives`, () => {
      const one = cli(['lint', ...NOW, '--format', format, '--jobs', '1', '.'], root);
      assert.equal(one.code, 0, one.stderr);
      assert.match(one.stdout, /cert\/no-certificate-resource/);
      for (const jobs of ['2', '3']) assert.deepEqual(cli(['lint', ...NOW, '--format', format, '--jobs', jobs, '.'], root), one, `--jobs ${jobs}`);
      if (format === 'json') {
        const rules = new Set((JSON.parse(one.stdout) as { rule: string }[]).map((f) => f.rule));
        assert.ok(rules.has('cert/not-in-inventory') && rules.has('cert/no-certificate-resource'), [...rules].join(', '));
      }
    });
  }

  it('a worker that dies on the last of those files is exit 2 naming it', () => {
    const crashed = cli(['lint', ...NOW, '--jobs', '2', '.'], root, { INCIDENT_DOCS_TEST_WORKER_EXIT_ON: 'finish:inventory-29.yaml' });
    assert.equal(crashed.code, 2);
    assert.equal(crashed.stdout, '');
    assert.match(crashed.stderr, /^incident-docs: a-certs\/inventory-29\.yaml: a worker thread exited with code 70 while checking it; no findings are reported$/m);
  });

  it('--fix-dry-run (each worker lints its own) gives what one thread gives', () => {
    const one = cli(['lint', ...NOW, '--fix-dry-run', '--jobs', '1', '.'], root);
    assert.deepEqual(cli(['lint', ...NOW, '--fix-dry-run', '--jobs', '2', '.'], root), one);
  });
});

describe('lint --jobs --fix', () => {
  const snapshot = (root: string) =>
    Object.fromEntries(
      (fs.readdirSync(root, { recursive: true }) as string[])
        .filter((f) => fs.lstatSync(path.join(root, f)).isFile())
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]),
    );

  it('writes the same files and reports the same remains as one thread', () => {
    const one = mixedRepository();
    const three = mixedRepository();
    const before = snapshot(one);
    const a = cli(['lint', ...NOW, '--fix', '--jobs', '1', '.'], one);
    const b = cli(['lint', ...NOW, '--fix', '--jobs', '3', '.'], three);
    assert.deepEqual(b, a);
    assert.match(a.stderr, /fix(es)? applied in [1-9]\d* files?/);
    const after = snapshot(one);
    assert.notDeepEqual(after, before, 'fixes were written');
    assert.deepEqual(snapshot(three), after);
  });

  it('--fix-dry-run prints the same diff and writes nothing', () => {
    const root = mixedRepository();
    const before = fs.readdirSync(root, { recursive: true }).length;
    const a = cli(['lint', ...NOW, '--fix-dry-run', '--jobs', '1', '.'], root);
    const b = cli(['lint', ...NOW, '--fix-dry-run', '--jobs', '3', '.'], root);
    assert.deepEqual(b, a);
    assert.match(a.stdout, /^--- /m);
    assert.equal(fs.readdirSync(root, { recursive: true }).length, before);
  });
});

describe('lint --jobs: a worker that dies', () => {
  it('is exit 2 naming the file it was checking, with no findings, and the run ends', () => {
    const root = mixedRepository();
    const crashed = cli(['lint', ...NOW, '--format', 'json', '--jobs', '2', '.'], root, { INCIDENT_DOCS_TEST_WORKER_EXIT_ON: 'check:outage.md' });
    assert.equal(crashed.code, 2);
    assert.equal(crashed.stdout, '');
    assert.match(crashed.stderr, /^incident-docs: team-b\/postmortems\/outage\.md: a worker thread exited with code 70 while checking it; no findings are reported$/m);
  });

  it('in the cross-file step (after every file was read) too', () => {
    const root = mixedRepository();
    const crashed = cli(['lint', ...NOW, '--jobs', '2', 'platform'], root, { INCIDENT_DOCS_TEST_WORKER_EXIT_ON: 'finish:certificates.yaml' });
    assert.equal(crashed.code, 2);
    assert.match(crashed.stderr, /platform\/k8s\/certificates\.yaml: a worker thread exited with code 70/);
  });
});

describe('lint --jobs: the number', () => {
  const root = tempTree({ 'a.md': '# Notes\n' });
  for (const bad of ['0', '-1', '1.5', 'two', '']) {
    it(`--jobs "${bad}" is a usage error (exit 2)`, () => {
      const r = cli(['lint', '--jobs', bad, 'a.md'], root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--jobs <n>' argument '.*' is invalid\. Expected a whole number above 0\./);
    });
  }

  it('by default: one thread for a few files, one worker per core for hundreds', () => {
    const few = cli(['lint', ...NOW, '.'], root, { NODE_OPTIONS: WORKER_HOOK });
    assert.equal(workersOf(few), 0);
    const cores = availableParallelism();
    const many = tempTree(Object.fromEntries(Array.from({ length: 100 * cores }, (_, i) => [`notes/n-${i}.md`, `# Note ${i}\n`])));
    const r = cli(['lint', ...NOW, '.'], many, { NODE_OPTIONS: WORKER_HOOK });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(workersOf(r), cores > 1 ? cores : 0);
  });
});

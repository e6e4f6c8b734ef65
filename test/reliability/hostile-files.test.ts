/**
 * A cloned repository is untrusted input. Its config file may be a named pipe or a link to
 * /dev/zero, its folders may link to / or /usr or be unreadable: the CLI and the server answer
 * in bounded time and memory, say what was wrong, and still check everything else.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CLI } from '../cli/helpers';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { NOW, vscodeUri } from '../lsp/fixtures';

const POSTMORTEM = '# Post-mortem: x\n\n## Timeline\n\n- 16:04pm paged\n';
const cleanups: string[] = [];
after(() => cleanups.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A repository folder, readable by everyone (the unreadable-folder case runs the CLI as nobody). */
function repo(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-hostile-')));
  fs.chmodSync(root, 0o755);
  cleanups.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI, asynchronously (so a hang fails by the test's timeout, not by blocking the runner). */
async function cli(args: string[], cwd: string, as?: { uid: number; gid: number }, cli = CLI): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 8 * 1024 * 1024, ...as });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const lintArgs = ['lint', '--format', 'json', '--now', NOW];

describe('hostile config files (CLI)', () => {
  it('a .incident-docs.yaml that is a named pipe: exit 2 with the reason, no hang', { timeout: 15_000 }, async () => {
    const root = repo({ 'postmortems/a.md': POSTMORTEM });
    execFileSync('mkfifo', [path.join(root, '.incident-docs.yaml')]);
    const run = await cli([...lintArgs, '.'], root);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /\.incident-docs\.yaml: a named pipe, not read/);
  });

  it('a .incident-docs.yaml linked to /dev/zero: exit 2, no memory growth', { timeout: 15_000 }, async () => {
    const root = repo({ 'postmortems/a.md': POSTMORTEM });
    fs.symlinkSync('/dev/zero', path.join(root, '.incident-docs.yaml'));
    const run = await cli([...lintArgs, '.'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.incident-docs\.yaml: a device, not read/);
  });

  it('--config naming a pipe, a device, a folder or a huge sparse file: exit 2 before linting', { timeout: 20_000 }, async () => {
    const root = repo({ 'postmortems/a.md': POSTMORTEM });
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    const sparse = path.join(root, 'sparse.yaml');
    fs.closeSync(fs.openSync(sparse, 'w'));
    fs.truncateSync(sparse, 1024 ** 3);
    for (const [config, reason] of [
      ['pipe.yaml', /a named pipe, not read/],
      ['/dev/zero', /a device, not read/],
      ['postmortems', /a folder, not read/],
      ['sparse.yaml', /larger than 256 KB/],
      ['missing.yaml', /no such file/],
    ] as const) {
      const run = await cli([...lintArgs, '--config', config, '.'], root);
      assert.equal(run.code, 2, `${config}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`--config ${config.replace(/[.*/]/g, '\\$&')}: ${reason.source}`));
      assert.equal(run.stdout, '', 'nothing linted with the defaults instead');
    }
  });

  it('--ca /dev/zero is refused as a usage error', { timeout: 15_000 }, async () => {
    const root = repo();
    const run = await cli(['cert', '127.0.0.1:1', '--ca', '/dev/zero', '--timeout', '500'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /CA file \/dev\/zero: a device, not read/);
  });
});

describe('hostile folders (CLI)', () => {
  it('links to / and /usr and out of the project are not followed', { timeout: 20_000 }, async () => {
    const root = repo({ 'a/postmortems/pm.md': POSTMORTEM });
    const elsewhere = repo({ 'postmortems/outside.md': POSTMORTEM });
    fs.symlinkSync('/', path.join(root, 'a/root'));
    fs.symlinkSync('/usr', path.join(root, 'a/usr'));
    fs.symlinkSync(elsewhere, path.join(root, 'a/ext'));
    const run = await cli([...lintArgs, '.'], root);
    assert.equal(run.code, 1, run.stderr);
    const files = [...new Set((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file))];
    assert.deepEqual(files, ['a/postmortems/pm.md']);
  });

  it('an unreadable folder is skipped with a warning; the rest is linted and the exit code is 2', { timeout: 20_000 }, async () => {
    // Root reads every folder: as root, the CLI runs as nobody, from a copy of the bundle in a
    // folder nobody can reach (the checkout and the test run's own temporary folder may be private).
    const asNobody = process.getuid?.() === 0;
    const shared = asNobody ? fs.mkdtempSync('/tmp/incident-docs-nobody-') : undefined;
    const base = shared ?? os.tmpdir();
    if (shared) {
      fs.chmodSync(shared, 0o755);
      cleanups.push(shared);
    }
    const root = fs.mkdtempSync(path.join(base, 'repo-'));
    fs.chmodSync(root, 0o755);
    cleanups.push(root);
    for (const dir of ['ok/postmortems', 'locked/postmortems']) {
      fs.mkdirSync(path.join(root, dir), { recursive: true });
      fs.writeFileSync(path.join(root, dir, 'pm.md'), POSTMORTEM);
    }
    const cliCopy = shared ? path.join(shared, 'cli.js') : CLI;
    // The launcher and the bundle it loads, where nobody can read them.
    if (shared) for (const file of ['cli.js', 'incident-docs.js']) fs.copyFileSync(path.join(path.dirname(CLI), file), path.join(shared, file));
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const run = await cli([...lintArgs, '.'], root, asNobody ? { uid: 65534, gid: 65534 } : undefined, cliCopy);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /locked: cannot read this folder \(permission denied\); skipped/);
      const files = [...new Set((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file))];
      assert.deepEqual(files, ['ok/postmortems/pm.md'], 'the readable part is still checked');
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});

describe('hostile config files (server)', () => {
  it('a document opened beside a config file that is a named pipe is still answered', { timeout: 20_000 }, async () => {
    const root = repo();
    execFileSync('mkfifo', [path.join(root, '.incident-docs.yaml')]);
    const client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(root), name: 'hostile' }],
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW } },
    });
    try {
      const uri = vscodeUri(path.join(root, 'postmortems', 'a.md'));
      await client.open(uri, POSTMORTEM, 'markdown');
      const published = await client.waitForDiagnostics(uri, { version: 1 });
      assert.ok(published.diagnostics.some((d) => d.code === 'pm/invalid-time'), 'linted with the defaults');
      assert.ok(client.logs.some((l) => /\.incident-docs\.yaml: a named pipe, not read/.test(l)), client.logs.join('\n'));
    } finally {
      await client.stop();
    }
  });
});

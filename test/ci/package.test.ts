// The npm package: packed from what git keeps, as `npm pack` packs it (its prepare script builds
// the production bundle), installed offline into a clean prefix, and run from there.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver/node';
import { REPO_ROOT, runJson, tempTree, type JsonFinding } from '../cli/helpers';

/** #18's goal: 1 MB packed (the CLI and the server share one bundle, so the core ships once). */
const MAX_PACKED_BYTES = 1024 * 1024;
const NOW = ['--now', '2026-11-27T12:00:00Z'];
const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** npm and the bins it installs run on this Node; nothing reaches the network. */
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** The files git keeps (and new ones it does not ignore), copied into `dir`, with the dependencies linked in. */
function checkout(dir: string): void {
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO_ROOT).split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(REPO_ROOT, file))) continue; // deleted, not yet staged
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
  }
  fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, 'node_modules')), path.join(dir, 'node_modules'));
}

describe('the npm package', () => {
  const work = tempTree({});
  const source = path.join(work, 'source');
  const prefix = path.join(work, 'prefix');
  checkout(source);
  const tarball = path.join(work, run('npm', ['pack', '--silent', '--pack-destination', work], source).trim().split('\n').at(-1)!);
  const listed = run('tar', ['-tzf', tarball], work).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();

  it(`ships only what runs, at most ${Math.round(MAX_PACKED_BYTES / 1024)} KB packed`, () => {
    const size = fs.statSync(tarball).size;
    assert.ok(size <= MAX_PACKED_BYTES, `${size} bytes packed`);
    for (const file of ['dist/cli.js', 'dist/server.js', 'dist/incident-docs.js', 'dist/extension.js', 'dist/extension-main.js', 'dist/report-charts.js', 'schemas/cert-inventory.schema.json', 'templates/default.md', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      assert.ok(listed.includes(file), `${file} is in the package`);
    }
    const allowed = /^(dist\/(cli|server|incident-docs|extension|extension-main|report-charts)\.js|(schemas|templates|syntaxes|snippets|images)\/[^/]+|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;
    assert.deepEqual(listed.filter((f) => !allowed.test(f)), [], 'no tests, sources, source maps or the action');
  });

  it('the bins start from the shared bundle, which is the production one: no source map comment, minified', () => {
    run('tar', ['-xzf', tarball, '-C', work, 'package/dist/cli.js', 'package/dist/server.js', 'package/dist/incident-docs.js'], work);
    const launcher = fs.readFileSync(path.join(work, 'package/dist/server.js'), 'utf8');
    // The server's launcher: Node builtins and bundleLoader.ts (its own code cache, test/lsp/codeCache.test.ts), then the shared bundle.
    assert.ok(launcher.startsWith('#!/usr/bin/env node\n'));
    assert.ok(launcher.length < 10_000, `dist/server.js is ${launcher.length} bytes`);
    assert.match(launcher, /require\("\.\/incident-docs\.js"\)\.runServer\(\)/);
    assert.match(launcher, /"incident-docs\.js"\),\w+\);\w+\.runServer\(/);
    // The CLI's commands, bundled apart: they ask the shared bundle for the work (its cliParts()).
    const cli = fs.readFileSync(path.join(work, 'package/dist/cli.js'), 'utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'));
    // (through bundleLoader.ts, with the code cache when one lies beside it: the package ships none.)
    assert.match(cli, /\.join\(__dirname,"incident-docs\.js"\)\)\.cliParts\(\)/);
    for (const file of ['cli.js', 'incident-docs.js']) {
      const bundle = fs.readFileSync(path.join(work, 'package/dist', file), 'utf8');
      assert.doesNotMatch(bundle, /sourceMappingURL/, file);
      // Minified: long lines (the development build has about 35 characters a line; newlines left are inside strings).
      assert.ok(bundle.length / bundle.split('\n').length > 300, `${file} minified`);
    }
  });

  describe('installed offline into a clean prefix', () => {
    run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
    const bin = (name: string) => path.join(prefix, 'bin', name);

    it('incident-docs lints the examples as the checkout does', () => {
      const installed = spawnSync(bin('incident-docs'), ['lint', '--format', 'json', ...NOW, 'examples'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      assert.equal(installed.status, 1, installed.stderr);
      const findings = JSON.parse(installed.stdout) as JsonFinding[];
      assert.ok(findings.length > 10);
      assert.deepEqual(findings, runJson([...NOW, 'examples']).findings);
      assert.equal(spawnSync(bin('incident-docs'), ['--version'], { env, encoding: 'utf8' }).stdout.trim(), version);
    });

    it('incident-docs report draws its charts from the installed package', () => {
      const out = fs.mkdtempSync(path.join(work, 'report-'));
      const report = spawnSync(bin('incident-docs'), ['report', ...NOW, '--out', out, 'test/fixtures/postmortems'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      assert.equal(report.status, 0, report.stderr);
      assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /<svg[^>]*>[\s\S]*<path/);
    });

    const server = spawn(bin('incident-docs-server'), ['--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    after(async () => {
      const exited = new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      await exited;
      connection.dispose();
    });

    it('incident-docs-server completes initialize over stdio', async () => {
      const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'incident-docs');
      assert.ok(result.capabilities.textDocumentSync);
    });
  });
});

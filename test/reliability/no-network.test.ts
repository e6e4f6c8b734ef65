/**
 * No network access without a user action: the whole lint (CLI on the corpus and the examples,
 * the server opening every one of them) runs under a hook that refuses and records any outgoing
 * connection or DNS lookup. The hook is shown to catch `lint --live`, so its silence means something.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, REPO_ROOT } from '../cli/helpers';
import { NOW } from '../helpers/lint';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { vscodeUri } from '../lsp/fixtures';
import { CORPUS_DIRS, corpusFiles } from './fuzz/documents';

const HOOK = path.join(__dirname, 'no-network-hook.cjs');

describe('no network without a user action', () => {
  let dir: string;
  let logFile: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'incident-docs-net-'));
    logFile = path.join(dir, 'connections.log');
    env = { ...process.env, NODE_OPTIONS: `--require ${HOOK}`, INCIDENT_DOCS_NETWORK_LOG: logFile };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const attempts = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean) : []);

  it('the hook catches `lint --live` (an inventory host is tried, and refused)', () => {
    rmSync(logFile, { force: true });
    const inventory = path.join(REPO_ROOT, 'examples/inventory/cert-inventory.yaml');
    const run = spawnSync(process.execPath, [CLI, 'lint', '--live', '--timeout', '1000', '--format', 'json', inventory], { env, encoding: 'utf8' });
    assert.ok(attempts().length > 0, `no attempt recorded; stderr: ${run.stderr}`);
    assert.ok(attempts().some((a) => /dns|connect/.test(a)));
  });

  it('CLI: lint of the corpus and the examples makes no attempt', () => {
    rmSync(logFile, { force: true });
    const targets = [...CORPUS_DIRS.filter(existsSync)];
    const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--now', NOW.toISOString(), ...targets], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.ok((JSON.parse(run.stdout) as unknown[]).length > 0, 'the lint ran and found things');
    assert.deepEqual(attempts(), []);
  });

  it('CLI: the incident report of the corpus (charts drawn by vega) makes no attempt', () => {
    rmSync(logFile, { force: true });
    const out = path.join(dir, 'report');
    const targets = [...CORPUS_DIRS.filter(existsSync)];
    const run = spawnSync(process.execPath, [CLI, 'report', '--out', out, '--now', NOW.toISOString(), ...targets], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /<svg /, 'a chart was drawn');
    assert.deepEqual(attempts(), []);
  });

  it('server: opening every corpus document, with hovers, lenses and symbols, makes no attempt', async () => {
    rmSync(logFile, { force: true });
    const previous = process.env.NODE_OPTIONS;
    // The test client spawns the server with this process's environment.
    process.env.NODE_OPTIONS = env.NODE_OPTIONS;
    process.env.INCIDENT_DOCS_NETWORK_LOG = logFile;
    let client: LspTestClient;
    try {
      client = await LspTestClient.start({
        capabilities: FULL_CAPABILITIES,
        workspaceFolders: [{ uri: vscodeUri(REPO_ROOT), name: 'repo' }],
        initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW.toISOString() } },
      });
    } finally {
      process.env.NODE_OPTIONS = previous;
      delete process.env.INCIDENT_DOCS_NETWORK_LOG;
      if (previous === undefined) delete process.env.NODE_OPTIONS;
    }
    try {
      for (const file of corpusFiles()) {
        const uri = vscodeUri(file);
        await client.open(uri, readFileSync(file, 'utf8'), /\.md$/.test(file) ? 'markdown' : 'yaml');
        await client.waitForDiagnostics(uri, { version: 1 });
        const at = { textDocument: { uri }, position: { line: 3, character: 2 } };
        await client.request('textDocument/hover', at);
        await client.request('textDocument/codeLens', { textDocument: { uri } });
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        await client.request('textDocument/documentLink', { textDocument: { uri } });
      }
      assert.deepEqual(attempts(), []);
    } finally {
      await client.stop();
    }
  });
});

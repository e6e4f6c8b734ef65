/**
 * The built CLI against openssl s_server on loopback: `cert --cert/--key` for a server that
 * requires a client certificate, `lint --live` with an entry's clientCert/clientKey, and a
 * must-staple certificate served without a staple (cert/live-untrusted).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { CLI } from './helpers';
import { OpensslWorkspace, type SServer } from '../helpers/openssl';

/** Bounds a failure only. */
const TIMEOUT = '10000';

const work = new OpensslWorkspace();
let clientServer: SServer;
let stapleServer: SServer;
let repo: string;

before(async () => {
  work.ca('ca', 'CLI Client CA');
  work.leaf('server', 'ca');
  work.leaf('client', 'ca', { commonName: 'cli client', clientAuth: true });
  work.leaf('staple-leaf', 'ca', { mustStaple: true });
  clientServer = await work.server(['-cert', 'server.pem', '-key', 'server.key', '-CAfile', 'ca.pem', '-Verify', '1', '-verify_return_error']);
  stapleServer = await work.server(['-cert', 'staple-leaf.pem', '-key', 'staple-leaf.key']);
  // A repository of its own, with the client certificate inside it (entry paths stay in the workspace).
  repo = work.path('repo');
  mkdirSync(join(repo, 'certs'), { recursive: true });
  for (const name of ['ca.pem', 'client.pem', 'client.key']) copyFileSync(work.path(name), join(repo, 'certs', name));
  writeFileSync(join(repo, '.incident-docs.yaml'), 'extraCaFiles: [certs/ca.pem]\n');
});
after(() => work.cleanup());

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('incident-docs cert --cert --key', () => {
  it('passes with the client certificate', async () => {
    const run = await cli(['cert', clientServer.target, '--ca', 'certs/ca.pem', '--cert', 'certs/client.pem', '--key', 'certs/client.key', '--timeout', TIMEOUT, '--warn-days', '7'], repo);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^ {2}OCSP {9}none stapled$/m);
    assert.match(run.stdout, /^OK: trusted/m);
  });

  it('fails with client-cert-required (exit 2) without it', async () => {
    const run = await cli(['cert', clientServer.target, '--ca', 'certs/ca.pem', '--timeout', TIMEOUT, '--warn-days', '7'], repo);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /No TLS handshake \(client-cert-required\): 127\.0\.0\.1:\d+ asks for a client certificate and refused the handshake without one/);
    const json = await cli(['cert', clientServer.target, '--format', 'json', '--timeout', TIMEOUT, '--warn-days', '7'], repo);
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'client-cert-required');
  });

  it('refuses --cert without --key, and a key that is not the certificate\'s, before connecting', async () => {
    const half = await cli(['cert', clientServer.target, '--cert', 'certs/client.pem'], repo);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--cert and --key go together/);
    const wrong = await cli(['cert', clientServer.target, '--cert', 'certs/client.pem', '--key', join(work.dir, 'server.key')], repo);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /is not the key of client certificate certs\/client\.pem/);
  });

  it('reports a must-staple certificate served without a staple as a problem (exit 1)', async () => {
    const run = await cli(['cert', stapleServer.target, '--ca', 'certs/ca.pem', '--timeout', TIMEOUT, '--warn-days', '7'], repo);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^ {2}OCSP {9}none stapled; the certificate is must-staple$/m);
    assert.match(run.stdout, /^PROBLEM: the certificate demands OCSP stapling \(must-staple\), and the server staples no OCSP response\.$/m);
  });
});

interface Finding {
  rule: string;
  message: string;
  line: number;
}

async function lintLive(inventory: string, extra: string[] = []): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  writeFileSync(join(repo, 'cert-inventory.yaml'), inventory);
  const run = await cli(['lint', '--live', '--timeout', TIMEOUT, '--format', 'json', ...extra, 'cert-inventory.yaml'], repo);
  return { code: run.code, findings: (JSON.parse(run.stdout) as Finding[]).filter((f) => f.rule.startsWith('cert/live-') || f.rule === 'cert/pem-invalid'), stderr: run.stderr };
}

const entry = (name: string, host: string, more: string[] = []) =>
  [`  - name: ${name}`, `    hosts: ["${host}"]`, '    owner: team@example.com', '    notify: [team@example.com]', '    renewal: { method: acme, sop: https://wiki.example.com/sop }', ...more];

describe('incident-docs lint --live with clientCert/clientKey', () => {
  it('presents the entry\'s client certificate: no live finding', async () => {
    const run = await lintLive(['certificates:', ...entry('mtls', clientServer.target, ['    clientCert: certs/client.pem', '    clientKey: certs/client.key']), ''].join('\n'));
    assert.deepEqual(run.findings, [], run.stderr);
  });

  it('without one the host is unreachable: client-cert-required', async () => {
    const run = await lintLive(['certificates:', ...entry('mtls', clientServer.target), ''].join('\n'));
    assert.deepEqual(run.findings.map((f) => f.rule), ['cert/live-unreachable']);
    assert.match(run.findings[0].message, /failed \(client-cert-required\): .*asks for a client certificate/);
  });

  it('--cert/--key serve the entries that name none', async () => {
    const run = await lintLive(['certificates:', ...entry('mtls', clientServer.target), ''].join('\n'), ['--cert', 'certs/client.pem', '--key', 'certs/client.key']);
    assert.deepEqual(run.findings, [], run.stderr);
  });

  it('an unusable client certificate is cert/pem-invalid, and its hosts are not probed', async () => {
    const run = await lintLive(
      ['certificates:', ...entry('mtls', clientServer.target, ['    clientCert: certs/client.pem', '    clientKey: ../outside.key']), ''].join('\n'),
    );
    assert.deepEqual(run.findings.map((f) => f.rule), ['cert/pem-invalid']);
    assert.match(run.findings[0].message, /Entry "mtls": the client certificate is unusable: clientKey .*outside/);
  });

  it('a must-staple certificate served without a staple is cert/live-untrusted', async () => {
    const run = await lintLive(['certificates:', ...entry('stapled', stapleServer.target), ''].join('\n'));
    assert.deepEqual(run.findings.map((f) => f.rule), ['cert/live-untrusted']);
    assert.match(run.findings[0].message, /serves a must-staple certificate for "stapled" without an OCSP staple/);
  });
});

/** `incident-docs cert` end to end: real servers, the command function, its output and exit codes. */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import { registerCertCommand } from '../../../server/src/cli/commands/cert';
import { runCert, type CertCommandOptions, type CertIo } from '../../../server/src/cli/runCert';
import { CliError } from '../../../server/src/cli/errors';
import type { ProbeFailure, ProbeResult } from '../../../server/src/core/live';
import {
  addDays,
  closedPort,
  createCertificate,
  startSilentServer,
  startTlsServer,
  wholeSecondNow,
  type TestServer,
  type TestTlsServer,
} from '../../helpers/tls';

const NOW = wholeSecondNow();
const ca = createCertificate({ commonName: 'CLI Test CA', isCa: true, notAfter: addDays(NOW, 3650) });
const leafSpec = { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca };
const good = createCertificate({ ...leafSpec, notAfter: addDays(NOW, 90) });
const expired = createCertificate({ ...leafSpec, notBefore: addDays(NOW, -60), notAfter: addDays(NOW, -3) });

let dir: string;
let caFile: string;
let goodServer: TestTlsServer;
let expiredServer: TestTlsServer;
const servers: TestServer[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'incident-docs-cert-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.certPem);
  goodServer = await startTlsServer({ chain: [good] });
  expiredServer = await startTlsServer({ chain: [expired] });
  servers.push(goodServer, expiredServer);
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Captured {
  code: number;
  stdout: string;
  stderr: string[];
}

function capture(cwd = dir): { io: CertIo; out: { stdout: string; stderr: string[] } } {
  const out = { stdout: '', stderr: [] as string[] };
  return {
    out,
    io: { cwd, color: false, stdout: (text) => (out.stdout += text), stderr: (line) => out.stderr.push(line) },
  };
}

async function cert(target: string, options: Partial<CertCommandOptions> = {}, cwd = dir): Promise<Captured> {
  const { io, out } = capture(cwd);
  // Loopback servers answer at once; the timeout only bounds a failure on a loaded machine.
  const code = await runCert(target, { ca: [], timeout: 10_000, format: 'text', now: NOW, ...options }, io);
  return { code, ...out };
}

const json = <T>(c: Captured) => JSON.parse(c.stdout) as T;

describe('cert command', () => {
  it('exit 0 with a readable summary for a trusted, matching certificate with time left', async () => {
    const r = await cert(goodServer.target, { ca: [caFile] });
    assert.equal(r.code, 0, r.stdout + r.stderr.join('\n'));
    assert.deepEqual(r.stderr, []);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `127.0.0.1:${goodServer.port}  127.0.0.1, TLSv1.3, no SNI`);
    assert.ok(lines.includes('  Subject      CN=localhost'));
    assert.ok(lines.includes('  Issuer       CN=CLI Test CA'));
    assert.ok(lines.includes('  Days left    90'));
    assert.ok(lines.includes(`  SHA-256      ${new X509Certificate(good.certPem).fingerprint256}`));
    assert.ok(lines.includes('  Trusted      yes'));
    assert.ok(lines.includes('  Host name    matches 127.0.0.1'));
    assert.equal(lines.at(-1), 'OK: trusted, valid for 127.0.0.1, 90 days left.');
  });

  it('JSON is the probe result itself', async () => {
    const r = await cert(goodServer.target, { ca: [caFile], format: 'json' });
    assert.equal(r.code, 0);
    const result = json<ProbeResult>(r);
    assert.equal(result.port, goodServer.port);
    assert.equal(result.daysLeft, 90);
    assert.equal(result.trusted, true);
    assert.equal(result.serialNumber, good.serialNumber);
    assert.equal(result.chain.length, 2);
  });

  it('exit 1 when the certificate is inside the warning window', async () => {
    const r = await cert(goodServer.target, { ca: [caFile], warnDays: 90 });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /PROBLEM: expires in 90 days .*within the 90-day warning window\.\n$/);
    assert.equal((await cert(goodServer.target, { ca: [caFile], warnDays: 89 })).code, 0, '89 days of warning: 90 left is fine');
  });

  it('exit 1 when the certificate has expired, counted from --now', async () => {
    const r = await cert(expiredServer.target, { ca: [caFile] });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /PROBLEM: expired .*\(3 days ago\); untrusted: .*CERT_HAS_EXPIRED/);
    const fromLater = await cert(goodServer.target, { ca: [caFile], now: addDays(NOW, 91) });
    assert.equal(fromLater.code, 1);
    assert.match(fromLater.stdout, /Days left    -1 \(expired\)/);
  });

  it('exit 1 when the certificate is not trusted', async () => {
    const r = await cert(goodServer.target);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Trusted      no: /);
    assert.match(r.stdout, /PROBLEM: untrusted: /);
  });

  it('exit 1 when the certificate is for another name (--servername)', async () => {
    const r = await cert(goodServer.target, { ca: [caFile], servername: 'www.example.org', format: 'json' });
    assert.equal(r.code, 1);
    const result = json<ProbeResult>(r);
    assert.equal(result.servername, 'www.example.org');
    assert.equal(result.hostnameMatches, false);
    assert.equal(result.trusted, true);
  });

  it('exit 2 and the error object when no handshake happens', async () => {
    const port = await closedPort();
    const r = await cert(`127.0.0.1:${port}`, { format: 'json' });
    assert.equal(r.code, 2);
    const failure = json<ProbeFailure>(r);
    assert.equal(failure.error.code, 'refused');
    const text = await cert(`127.0.0.1:${port}`);
    assert.equal(text.code, 2);
    assert.equal(text.stdout, '');
    assert.match(text.stderr.join('\n'), /No TLS handshake \(refused\): 127\.0\.0\.1:\d+ refused the connection/);
  });

  it('exit 2 within --timeout for a server that never answers', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = performance.now();
    const timeout = 1_000;
    const r = await cert(silent.target, { timeout, format: 'json' });
    const elapsed = performance.now() - started;
    assert.equal(r.code, 2);
    assert.equal(json<ProbeFailure>(r).error.code, 'timeout');
    // Not before the timeout, and not a second one after it.
    assert.ok(elapsed >= timeout - 5 && elapsed < 2 * timeout, `took ${Math.round(elapsed)} ms`);
  });

  it('takes warnDays and extraCaFiles from .incident-docs.yaml, paths relative to it', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'certs'), { recursive: true });
    mkdirSync(join(project, 'sub'), { recursive: true });
    writeFileSync(join(project, 'certs', 'internal-ca.pem'), ca.certPem);
    writeFileSync(join(project, '.incident-docs.yaml'), 'warnDays: 120\nextraCaFiles: [certs/internal-ca.pem]\n');
    const r = await cert(goodServer.target, { format: 'json' }, join(project, 'sub'));
    assert.equal(r.code, 1, 'trusted through the config CA, but 90 days is inside 120');
    assert.equal(json<ProbeResult>(r).trusted, true);
    const overridden = await cert(goodServer.target, { warnDays: 30 }, join(project, 'sub'));
    assert.equal(overridden.code, 0, '--warn-days wins over the config');
  });

  it('refuses a bad target or CA file with a clear usage error', async () => {
    await assert.rejects(cert('exa mple.com'), (e: unknown) => e instanceof CliError && /not a valid host name/.test(e.message));
    await assert.rejects(cert('example.com:99999'), (e: unknown) => e instanceof CliError && /1 to 65535/.test(e.message));
    await assert.rejects(
      cert(goodServer.target, { ca: [join(dir, 'missing.pem')] }),
      (e: unknown) => e instanceof CliError && /CA file .*missing\.pem: no such file/.test(e.message),
    );
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'just text');
    await assert.rejects(
      cert(goodServer.target, { ca: [notPem] }),
      (e: unknown) => e instanceof CliError && /no "BEGIN CERTIFICATE" block/.test(e.message),
    );
    await assert.rejects(cert(goodServer.target, { servername: 'bad name' }), CliError);
  });
});

describe('registerCertCommand', () => {
  function program(cwd = dir) {
    const { io, out } = capture(cwd);
    const root = new Command('incident-docs').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerCertCommand(root, () => io);
    return { root, out };
  }

  async function exitCodeOf(args: string[]): Promise<{ code: number | string | undefined; stdout: string }> {
    const { root, out } = program();
    const previous = process.exitCode;
    try {
      await root.parseAsync(['cert', ...args], { from: 'user' });
      return { code: process.exitCode, stdout: out.stdout };
    } finally {
      process.exitCode = previous;
    }
  }

  it('parses the flags and sets the exit code', async () => {
    const now = ['--now', NOW.toISOString()];
    const ok = await exitCodeOf([goodServer.target, '--ca', caFile, '--format', 'json', ...now]);
    assert.equal(ok.code, 0);
    assert.equal(JSON.parse(ok.stdout).daysLeft, 90);
    assert.equal((await exitCodeOf([goodServer.target, '--ca', caFile, '--warn-days', '100', ...now])).code, 1);
    assert.equal((await exitCodeOf([goodServer.target, '--ca', caFile, '--servername', 'localhost', ...now])).code, 0);
    const port = await closedPort();
    assert.equal((await exitCodeOf([`127.0.0.1:${port}`, '--timeout', '1000'])).code, 2);
  });

  it('accepts --ca more than once', async () => {
    const other = createCertificate({ commonName: 'Unrelated CA', isCa: true, keyName: 'unrelated', keyBits: 1024 });
    const otherFile = join(dir, 'other-ca.pem');
    writeFileSync(otherFile, other.certPem);
    const r = await exitCodeOf([goodServer.target, '--ca', otherFile, '--ca', caFile, '--now', NOW.toISOString()]);
    assert.equal(r.code, 0, r.stdout);
  });

  it('rejects invalid option values through commander', async () => {
    for (const args of [
      ['--timeout', '0'],
      ['--timeout', 'soon'],
      ['--warn-days', '-1'],
      ['--warn-days', '1.5'],
      ['--format', 'xml'],
      ['--now', 'yesterday'],
    ]) {
      await assert.rejects(exitCodeOf([goodServer.target, ...args]), CommanderError, args.join(' '));
    }
  });
});

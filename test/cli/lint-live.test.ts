/** cert/live-* rules and `incident-docs lint --live` against real TLS servers on loopback. */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { analyze, lintAnalysis } from '../../server/src/core/lint';
import { probeCertificate } from '../../server/src/core/live';
import { liveKey, type LiveObservations } from '../../server/src/core/live/observations';
import { applyEdits, byRule, covered } from '../helpers/lint';
import { addDays, closedPort, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../helpers/tls';

const NOW = wholeSecondNow();
/** The servers here are on loopback and answer at once; the timeout only bounds a failure on a loaded machine. */
const PROBE_TIMEOUT_MS = 10_000;
const ca = createCertificate({ commonName: 'Live Lint CA', isCa: true, notAfter: addDays(NOW, 3650) });
const good = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], issuer: ca, notAfter: addDays(NOW, 120) });
const expired = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], issuer: ca, notBefore: addDays(NOW, -90), notAfter: addDays(NOW, -2) });
const otherName = createCertificate({ commonName: 'www.example.com', dnsNames: ['www.example.com'], issuer: ca, notAfter: addDays(NOW, 120) });

let goodServer: TestTlsServer;
let expiredServer: TestTlsServer;
let otherServer: TestTlsServer;
let closed: number;
let dir: string;

before(async () => {
  goodServer = await startTlsServer({ chain: [good] });
  expiredServer = await startTlsServer({ chain: [expired] });
  otherServer = await startTlsServer({ chain: [otherName] });
  closed = await closedPort();
  dir = tempFolder('incident-docs-live-');
  writeFileSync(join(dir, 'ca.pem'), ca.certPem);
});
/** Temporary folders of this file, removed after it. */
const temporary: string[] = [];
function tempFolder(prefix: string): string {
  const made = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(made);
  return made;
}
after(async () => {
  await Promise.all([goodServer.close(), expiredServer.close(), otherServer.close()]);
  for (const made of temporary) rmSync(made, { recursive: true, force: true });
});

const day = (d: Date) => d.toISOString().slice(0, 10);

function inventory(): string {
  return [
    'certificates:',
    '  - name: good',
    `    hosts: [${goodServer.target}]`,
    `    expires: ${day(addDays(NOW, 30))}   # stale: the server was renewed`,
    '  - name: expired',
    `    hosts: [${expiredServer.target}]`,
    `    expires: ${day(expired.notAfter)}`,
    '  - name: other',
    `    hosts: ["${otherServer.target}"]`,
    `    expires: ${day(otherName.notAfter)}`,
    '  - name: gone',
    `    hosts: [127.0.0.1:${closed}]`,
    `    expires: ${day(addDays(NOW, 200))}`,
  ].join('\n') + '\n';
}

describe('cert/live-* rules on real probes', () => {
  it('classify each host and offer to update a stale expires', async () => {
    const text = inventory();
    const config = defaultConfig();
    const analysis = analyze({ path: join(dir, 'inventory.yaml'), text }, config, { now: NOW });
    const live: LiveObservations = new Map();
    for (const server of [goodServer, expiredServer, otherServer]) {
      live.set(liveKey('127.0.0.1', server.port), { outcome: await probeCertificate({ host: '127.0.0.1', port: server.port, extraCaPems: [ca.certPem], now: NOW, timeoutMs: PROBE_TIMEOUT_MS }) });
    }
    live.set(liveKey('127.0.0.1', closed), { outcome: await probeCertificate({ host: '127.0.0.1', port: closed, now: NOW, timeoutMs: PROBE_TIMEOUT_MS }) });
    const findings = lintAnalysis(analysis, { now: NOW, live });

    const mismatch = byRule(findings, 'cert/live-mismatch');
    assert.equal(mismatch.length, 1);
    assert.equal(covered(text, mismatch[0]), day(addDays(NOW, 30)));
    const fixed = applyEdits(text, mismatch[0].fixes![0].edits);
    assert.match(fixed, new RegExp(`expires: ${day(good.notAfter)}   # stale: the server was renewed`), 'only the value changes; the comment stays');
    assert.deepEqual(byRule(lintAnalysis(analyze({ path: join(dir, 'inventory.yaml'), text: fixed }, config, { now: NOW }), { now: NOW, live }), 'cert/live-mismatch'), []);

    assert.deepEqual(byRule(findings, 'cert/live-expired').map((f) => covered(text, f)), [expiredServer.target]);
    assert.deepEqual(byRule(findings, 'cert/live-hostname').map((f) => covered(text, f)), [`"${otherServer.target}"`]);
    assert.deepEqual(byRule(findings, 'cert/live-unreachable').map((f) => covered(text, f)), [`127.0.0.1:${closed}`]);
    assert.match(byRule(findings, 'cert/live-unreachable')[0].message, /refused/);
    assert.deepEqual(byRule(findings, 'cert/live-untrusted'), [], 'the CA was passed as an extra CA');
  });

  it('an observation made before the entry was edited no longer applies', async () => {
    const text = inventory();
    const path = join(dir, 'inventory.yaml');
    const live: LiveObservations = new Map([[liveKey('127.0.0.1', closed), { outcome: await probeCertificate({ host: '127.0.0.1', port: closed, timeoutMs: 1000 }), entryText: 'something else' }]]);
    const findings = lintAnalysis(analyze({ path, text }, defaultConfig(), { now: NOW }), { now: NOW, live });
    assert.deepEqual(byRule(findings, 'cert/live-unreachable'), []);
  });

  it('no live findings without probes', () => {
    const findings = lintAnalysis(analyze({ path: join(dir, 'inventory.yaml'), text: inventory() }, defaultConfig(), { now: NOW }), { now: NOW });
    assert.deepEqual(findings.filter((f) => f.rule.startsWith('cert/live-')), []);
  });
});

/** Asynchronous on purpose: the TLS servers live in this process and must keep answering. */
async function cli(args: string[], cwd = process.cwd()): Promise<{ stdout: string; stderr: string; status: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(__dirname, '../../dist/cli.js'), ...args], { cwd, encoding: 'utf8' });
    return { stdout, stderr, status: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, status: err.code };
  }
}

describe('incident-docs lint --live', () => {
  it('probes every inventory host and reports live findings, untrusted without the CA', async () => {
    const file = join(dir, 'cert-inventory.yaml');
    writeFileSync(file, inventory());
    const run = await cli(['lint', '--live', '--timeout', String(PROBE_TIMEOUT_MS), '--concurrency', '2', '--format', 'json', '--now', NOW.toISOString(), file]);
    const findings = JSON.parse(run.stdout) as { rule: string; line: number }[];
    const rules = findings.map((f) => f.rule).filter((r) => r.startsWith('cert/live-'));
    assert.ok(rules.includes('cert/live-mismatch'));
    assert.ok(rules.includes('cert/live-expired'));
    assert.ok(rules.includes('cert/live-unreachable'));
    assert.ok(rules.includes('cert/live-untrusted'), 'the test CA is not trusted without extraCaFiles');
    assert.equal(run.status, 1);
  });
  it('trusts the CA from extraCaFiles in .incident-docs.yaml, relative to that file, wherever the CLI runs from', async () => {
    const sub = tempFolder('incident-docs-live-cfg-');
    writeFileSync(join(sub, 'ca.pem'), ca.certPem);
    writeFileSync(join(sub, '.incident-docs.yaml'), 'extraCaFiles: [ca.pem]\n');
    writeFileSync(join(sub, 'cert-inventory.yaml'), inventory());
    for (const cwd of [sub, tmpdir(), '/']) {
      const run = await cli(['lint', '--live', '--timeout', String(PROBE_TIMEOUT_MS), '--format', 'json', '--now', NOW.toISOString(), join(sub, 'cert-inventory.yaml')], cwd);
      const rules = (JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule);
      assert.ok(!rules.includes('cert/live-untrusted'), `${cwd}: ${run.stderr}`);
      assert.ok(rules.includes('cert/live-expired'));
    }
  });
  it('skips an extraCaFiles entry that is a named pipe with a warning, and still probes', async () => {
    const sub = tempFolder('incident-docs-live-fifo-');
    execFileSync('mkfifo', [join(sub, 'ca.pem')]);
    writeFileSync(join(sub, '.incident-docs.yaml'), 'extraCaFiles: [ca.pem]\n');
    writeFileSync(join(sub, 'cert-inventory.yaml'), inventory());
    const run = await cli(['lint', '--live', '--timeout', String(PROBE_TIMEOUT_MS), '--format', 'json', '--now', NOW.toISOString(), 'cert-inventory.yaml'], sub);
    assert.match(run.stderr, /extraCaFiles: .*ca\.pem: a named pipe, not read/);
    const rules = (JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule);
    assert.ok(rules.includes('cert/live-untrusted'));
  });
  it('does not read an extraCaFiles entry outside the config file\'s folder', async () => {
    const parent = tempFolder('incident-docs-live-out-');
    const sub = join(parent, 'repo');
    mkdirSync(sub);
    writeFileSync(join(parent, 'ca.pem'), ca.certPem);
    writeFileSync(join(sub, '.incident-docs.yaml'), 'extraCaFiles: [../ca.pem]\n');
    writeFileSync(join(sub, 'cert-inventory.yaml'), inventory());
    const run = await cli(['lint', '--live', '--timeout', String(PROBE_TIMEOUT_MS), '--format', 'json', '--now', NOW.toISOString(), 'cert-inventory.yaml'], sub);
    const rules = (JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule);
    assert.match(run.stderr, /extraCaFiles: .*outside/);
    assert.ok(rules.includes('cert/live-untrusted'), 'the CA outside the root was not trusted');
  });
  it('makes no connection without --live', async () => {
    const before = goodServer.accepted;
    const file = join(dir, 'quiet.yaml');
    writeFileSync(file, inventory());
    await cli(['lint', '--now', NOW.toISOString(), file]);
    assert.equal(goodServer.accepted, before);
  });
});

describe('live targets', () => {
  it('skip wildcard hosts, which name nothing to connect to, instead of failing the batch', async () => {
    const { liveTargets } = await import('../../server/src/core/inventory/liveTargets');
    const text = 'certificates:\n  - name: wild\n    hosts: ["*.example.com", api.example.com]\n    expires: 2027-01-01\n';
    const analysis = analyze({ path: '/r/cert-inventory.yaml', text }, defaultConfig(), { now: NOW });
    const model = analysis.parsed[0].model as Parameters<typeof liveTargets>[0];
    assert.deepEqual(liveTargets(model).map((t) => t.host.text), ['api.example.com']);
  });
});

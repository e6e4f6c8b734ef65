/**
 * The lifetime and PEM rules through the built CLI, by line and column: renewal health, lifetime
 * limits, not-yet-valid, bundles, weak keys and signatures; and with --live, the same three PEM
 * facts for the chain a loopback server sends.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { describeFindings, LIFETIME_RULES, makeLifetimeWorkspace, type LifetimeWorkspace } from '../helpers/lifetimeWorkspace';
import { addDays, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../helpers/tls';
import { CLI, runJson, type JsonFinding } from './helpers';

let workspace: LifetimeWorkspace;
before(() => {
  workspace = makeLifetimeWorkspace();
});
after(() => workspace.remove());

const zeroBased = (f: JsonFinding) => ({ rule: f.rule, line: f.line - 1, character: f.column - 1, severity: f.severity as 'error' | 'warning' });

describe('incident-docs lint: lifetime, renewal and PEM rules', () => {
  it('reports each rule where the fixture says, and nothing else of them', () => {
    const run = runJson(['--now', workspace.now.toISOString(), workspace.file]);
    assert.equal(run.code, 1, run.stderr);
    const ours = run.findings.filter((f) => LIFETIME_RULES.includes(f.rule)).map(zeroBased);
    assert.deepEqual(describeFindings(ours), describeFindings(workspace.expected));
    assert.deepEqual(run.findings.filter((f) => !LIFETIME_RULES.includes(f.rule)).map((f) => `${f.rule}: ${f.message}`), [], 'the fixture is otherwise clean');
  });

  it('a later --now moves the renewal and validity findings', () => {
    const later = addDays(workspace.now, 4);
    const rules = runJson(['--now', later.toISOString(), workspace.file]).findings.map((f) => f.rule);
    assert.ok(!rules.includes('cert/not-yet-valid'), 'issued 3 days ahead: valid by then');
    assert.ok(rules.includes('cert/renewal-overdue'));
  });
});

describe('incident-docs lint --live: the chain a server sends', () => {
  const now = wholeSecondNow();
  const root = createCertificate({ commonName: 'Live Root CA', isCa: true, notBefore: addDays(now, -400), notAfter: addDays(now, 3650), keyName: 'live-root' });
  const issuing = createCertificate({ commonName: 'Live Issuing CA', isCa: true, issuer: root, notBefore: addDays(now, -300), notAfter: addDays(now, 15), keyName: 'live-int' });
  const leaf = createCertificate({
    commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], issuer: issuing, notBefore: addDays(now, -10), notAfter: addDays(now, 80),
    keyBits: 1024, signatureDigest: 'sha1', keyName: 'live-weak-leaf',
  });
  let server: TestTlsServer;
  before(async () => {
    server = await startTlsServer({ chain: [leaf, issuing], weakCrypto: true });
  });
  after(() => server.close());

  it('reports weak key, weak signature and the expiring intermediate on the host', async () => {
    const text = `defaults:\n  owner: platform-team@example.com\n  notify: [platform-team@example.com]\n  renewal: { method: acme }\ncertificates:\n  - name: live\n    hosts: [${server.target}]\n`;
    const file = join(workspace.dir, 'live-inventory.yaml');
    writeFileSync(file, text);
    const args = [CLI, 'lint', '--live', '--timeout', '10000', '--format', 'json', '--now', now.toISOString(), file];
    const stdout = await promisify(execFile)(process.execPath, args, { encoding: 'utf8' }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const findings = (JSON.parse(stdout) as JsonFinding[]).filter((f) => ['cert/weak-key', 'cert/weak-signature', 'cert/chain-expiry'].includes(f.rule));
    assert.deepEqual(findings.map((f) => `${f.rule}@${f.line}:${f.column}`).sort(), ['cert/chain-expiry@7:13', 'cert/weak-key@7:13', 'cert/weak-signature@7:13']);
    const byRule = (rule: string) => findings.find((f) => f.rule === rule)!.message;
    assert.match(byRule('cert/weak-key'), new RegExp(`the leaf \\(CN=127\\.0\\.0\\.1\\) served by 127\\.0\\.0\\.1:${server.port} has a weak key, RSA 1024`));
    assert.match(byRule('cert/weak-signature'), /the leaf \(CN=127\.0\.0\.1\) served by .* is signed with sha1WithRSAEncryption/);
    assert.match(byRule('cert/chain-expiry'), /certificate 2, an intermediate \(CN=Live Issuing CA\) served by .* expires on .* \(in 15 days\), before the leaf .* Replace it in the chain the server sends\./);
  });
});

/** cert/chain-expiry: every certificate of a real bundle (node-forge), inline and by pemFile; bounded for huge bundles. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MAX_BUNDLE_CERTIFICATES } from '../../../../server/src/core/inventory/pem';
import { byRule, configWith, covered, indent, lintYaml, NOW } from '../../../helpers/inventory';
import { addDays, createCertificate } from '../../../helpers/tls';

const root = createCertificate({ commonName: 'Chain Root CA', isCa: true, notBefore: addDays(NOW, -400), notAfter: addDays(NOW, 3650), keyName: 'chain-root' });
const intermediate = (days: number) =>
  createCertificate({ commonName: 'Chain Issuing CA', isCa: true, issuer: root, notBefore: addDays(NOW, -300), notAfter: addDays(NOW, days), keyName: 'chain-int' });
const leafOf = (issuer: ReturnType<typeof intermediate>, days = 80) =>
  createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], issuer, notBefore: addDays(NOW, -10), notAfter: addDays(NOW, days), keyName: 'chain-leaf' });

const HEAD = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: manual, sop: https://wiki.example.com/renew }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n';
const inline = (pem: string, extra = '') => `${HEAD}${extra}    pem: |\n${indent(pem, 6)}\n`;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('cert/chain-expiry', () => {
  it('reports an intermediate that expires before the leaf, naming it and its date, on the PEM', () => {
    const issuing = intermediate(20);
    const text = inline(leafOf(issuing).certPem + issuing.certPem + root.certPem);
    const findings = byRule(lintYaml(text), 'cert/chain-expiry');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.deepEqual(findings[0].range.start, { line: 7, character: 9 });
    assert.equal(covered(text, findings[0].range)[0], '|');
    assert.equal(
      findings[0].message,
      `Entry "api": certificate 2, an intermediate (CN=Chain Issuing CA) in \`pem\` expires on 2026-12-17 (in 20 days), before the leaf (2027-02-15): the chain breaks then. Replace it in the bundle.`,
    );
  });

  it('is an error once the intermediate has expired, read from pemFile', () => {
    const issuing = intermediate(-1);
    const dir = mkdtempSync(join(tmpdir(), 'incident-docs-chain-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bundle.pem'), leafOf(issuing).certPem + issuing.certPem);
    const text = `${HEAD}    pemFile: bundle.pem\n`;
    const [finding] = byRule(lintYaml(text, { path: join(dir, 'inventory.yaml') }), 'cert/chain-expiry');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding.range), 'bundle.pem');
    assert.match(finding.message, /certificate 2, an intermediate \(CN=Chain Issuing CA\) in `pemFile` expired on 2026-11-26: the chain breaks already/);
  });

  it('reports a later intermediate only inside the warn window', () => {
    const issuing = intermediate(100);
    const bundle = leafOf(issuing).certPem + issuing.certPem;
    assert.deepEqual(byRule(lintYaml(inline(bundle)), 'cert/chain-expiry'), [], '100 days out, a 30-day window (1/3 of 90)');
    const [finding] = byRule(lintYaml(inline(bundle, '    warnDays: 120\n')), 'cert/chain-expiry');
    assert.match(finding.message, /expires on 2027-03-07 \(in 100 days\), within the 120-day warn window/);
  });

  it('says nothing of a single certificate or a healthy chain', () => {
    const issuing = intermediate(1000);
    assert.deepEqual(byRule(lintYaml(inline(leafOf(issuing).certPem)), 'cert/chain-expiry'), []);
    assert.deepEqual(byRule(lintYaml(inline(leafOf(issuing).certPem + issuing.certPem + root.certPem)), 'cert/chain-expiry'), []);
  });

  it(`reads at most ${MAX_BUNDLE_CERTIFICATES} certificates of a bundle of thousands, and an endless BEGIN line in linear time`, () => {
    const issuing = intermediate(-1);
    const huge = leafOf(issuing).certPem + issuing.certPem.repeat(2_999);
    // Megabytes of PEM, over the default size limit on purpose: raised, so the bundle is read.
    const large = { config: configWith({ maxFileSizeBytes: 64 * 1024 * 1024 }) };
    const findings = byRule(lintYaml(inline(huge), large), 'cert/chain-expiry');
    assert.equal(findings.length, MAX_BUNDLE_CERTIFICATES - 1);
    assert.equal(Math.max(...findings.map((f) => Number(f.data?.position))), MAX_BUNDLE_CERTIFICATES);
    const started = performance.now();
    const broken = lintYaml(inline(leafOf(issuing).certPem + '-----BEGIN CERTIFICATE-----\n'.repeat(50_000)), large);
    assert.deepEqual(byRule(broken, 'cert/chain-expiry'), []);
    assert.ok(performance.now() - started < 10_000, 'linear, not quadratic');
  });
});

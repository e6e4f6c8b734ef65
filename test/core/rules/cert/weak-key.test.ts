/** cert/weak-key: real RSA-1024 (node-forge) and P-192 (openssl) certificates, leaf and intermediate. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, indent, lintYaml, NOW } from '../../../helpers/inventory';
import { addDays, createCertificate, opensslCertificate } from '../../../helpers/tls';

const HEAD = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n';
const inline = (pem: string) => `${HEAD}    pem: |\n${indent(pem, 6)}\n`;
const span = { notBefore: addDays(NOW, -10), notAfter: addDays(NOW, 80) };

describe('cert/weak-key', () => {
  it('reports an RSA-1024 leaf, on the PEM', () => {
    const leaf = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], keyBits: 1024, ...span });
    const text = inline(leaf.certPem);
    const [finding] = byRule(lintYaml(text), 'cert/weak-key');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range.start, { line: 7, character: 9 });
    assert.equal(covered(text, finding.range)[0], '|');
    assert.equal(
      finding.message,
      'Entry "api": the leaf (CN=api.example.com) in `pem` has a weak key, RSA 1024: an RSA key of 1024 bits is below the 2048 the CA/Browser Forum requires.',
    );
  });

  it('reports a P-192 key (made by openssl)', () => {
    const text = inline(opensslCertificate({ commonName: 'api.example.com', key: 'ec:prime192v1' }));
    const [finding] = byRule(lintYaml(text), 'cert/weak-key');
    assert.match(finding.message, /has a weak key, EC 192 \(prime192v1\): the curve prime192v1 \(192 bits\) is below P-256/);
  });

  it('reports a weak intermediate by its place in the bundle, and accepts RSA 2048 and P-256', () => {
    const ca = createCertificate({ commonName: 'Weak Issuing CA', isCa: true, keyBits: 1024, keyName: 'weak-ca', ...span, notAfter: addDays(NOW, 900) });
    const leaf = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], issuer: ca, ...span });
    const findings = byRule(lintYaml(inline(leaf.certPem + ca.certPem)), 'cert/weak-key');
    assert.deepEqual(findings.map((f) => f.data?.position), [2]);
    assert.match(findings[0].message, /certificate 2, a root \(CN=Weak Issuing CA\) in `pem` has a weak key, RSA 1024/);
    assert.deepEqual(byRule(lintYaml(inline(leaf.certPem)), 'cert/weak-key'), []);
    assert.deepEqual(byRule(lintYaml(inline(opensslCertificate({ commonName: 'api.example.com', key: 'ec:prime256v1' }))), 'cert/weak-key'), []);
  });
});

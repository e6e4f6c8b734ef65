/** cert/weak-signature: SHA-1 and MD5 signatures (node-forge) on the leaf and an intermediate, never on a root. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, indent, lintYaml, NOW } from '../../../helpers/inventory';
import { addDays, createCertificate, opensslCertificate } from '../../../helpers/tls';

const HEAD = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n';
const inline = (pem: string) => `${HEAD}    pem: |\n${indent(pem, 6)}\n`;
const span = { notBefore: addDays(NOW, -10), notAfter: addDays(NOW, 80) };

describe('cert/weak-signature', () => {
  const root = createCertificate({ commonName: 'Sig Root CA', isCa: true, signatureDigest: 'sha1', keyName: 'sig-root', ...span, notAfter: addDays(NOW, 3000) });
  const intermediate = createCertificate({ commonName: 'Sig Issuing CA', isCa: true, issuer: root, signatureDigest: 'md5', keyName: 'sig-int', ...span, notAfter: addDays(NOW, 900) });
  const leaf = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], issuer: intermediate, signatureDigest: 'sha1', keyName: 'sig-leaf', ...span });

  it('reports a SHA-1 leaf and an MD5 intermediate, on the PEM, and not the SHA-1 root', () => {
    const text = inline(leaf.certPem + intermediate.certPem + root.certPem);
    const findings = byRule(lintYaml(text), 'cert/weak-signature');
    assert.deepEqual(findings.map((f) => f.data?.position).sort(), [1, 2]);
    for (const f of findings) {
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.range.start, { line: 7, character: 9 });
      assert.equal(covered(text, f.range)[0], '|');
    }
    const messages = findings.map((f) => f.message).sort();
    assert.equal(messages[0], 'Entry "api": certificate 2, an intermediate (CN=Sig Issuing CA) in `pem` is signed with md5WithRSAEncryption: SHA-1 and MD5 signatures can be forged; have it reissued with SHA-256.');
    assert.match(messages[1], /the leaf \(CN=api\.example\.com\) in `pem` is signed with sha1WithRSAEncryption/);
  });

  it('reports ECDSA with SHA-1 too, and accepts SHA-256', () => {
    const ecdsaSha1 = opensslCertificate({ commonName: 'api.example.com', key: 'ec:prime256v1', digest: 'sha1' });
    assert.match(byRule(lintYaml(inline(ecdsaSha1)), 'cert/weak-signature')[0].message, /signed with ecdsa-with-SHA1/);
    const good = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], ...span });
    assert.deepEqual(byRule(lintYaml(inline(good.certPem)), 'cert/weak-signature'), []);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nameCovers, parsePem } from '../../../server/src/core/inventory/pem';
import { defaultConfig } from '../../../server/src/core/config';
import { lint } from '../../../server/src/core/lint';
import { applyEdits, byRule, covered, indent, lintYaml, makeCertificatePem, NOW } from '../../helpers/inventory';

const NOT_AFTER = new Date('2026-12-20T12:00:00Z');

function inventory(hosts: string, expires: string, pemLines: string): string {
  return `defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [${hosts}]\n    expires: ${expires}\n${pemLines}`;
}

const inlinePem = (pem: string) => `    pem: |\n${indent(pem, 6)}\n`;

describe('PEM parsing', () => {
  it('reads notAfter and SANs (DNS and IP) of a real certificate', () => {
    const pem = makeCertificatePem({ dnsNames: ['api.example.com', '*.api.example.com'], ips: ['10.0.0.1'], notAfter: NOT_AFTER });
    const cert = parsePem(pem);
    assert.ok(!('error' in cert));
    assert.equal(cert.notAfter.toISOString(), '2026-12-20T12:00:00.000Z');
    assert.deepEqual(cert.names, ['api.example.com', '*.api.example.com', '10.0.0.1']);
  });
  it('falls back to the CN when there are no SANs', () => {
    const cert = parsePem(makeCertificatePem({ commonName: 'legacy.example.com', notAfter: NOT_AFTER }));
    assert.ok(!('error' in cert));
    assert.deepEqual(cert.names, ['legacy.example.com']);
  });
  it('matches wildcards to one label only', () => {
    assert.ok(nameCovers('*.example.com', 'api.example.com'));
    assert.ok(!nameCovers('*.example.com', 'a.b.example.com'));
    assert.ok(!nameCovers('*.example.com', 'example.com'));
    assert.ok(nameCovers('10.0.0.1', '10.0.0.1'));
  });
});

describe('cert/pem-mismatch and cert/pem-invalid with inline PEMs', () => {
  it('accepts a PEM that agrees with expires and hosts', () => {
    const pem = makeCertificatePem({ dnsNames: ['api.example.com', '*.example.com'], ips: ['10.0.0.1'], notAfter: NOT_AFTER });
    const text = inventory('api.example.com, www.example.com:8443, "10.0.0.1"', '2026-12-20T08:00:00Z', inlinePem(pem));
    const findings = lintYaml(text);
    assert.deepEqual([...byRule(findings, 'cert/pem-mismatch'), ...byRule(findings, 'cert/pem-invalid')], []);
  });
  it('reports expires more than a day from notAfter, with a fix to the PEM date', () => {
    const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notAfter: NOT_AFTER });
    const text = inventory('api.example.com', '2027-01-31', inlinePem(pem));
    const [finding] = byRule(lintYaml(text), 'cert/pem-mismatch');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding.range), '2027-01-31');
    assert.match(finding.message, /expires 2026-12-20T12:00:00Z/);
    const fixed = applyEdits(text, finding.fixes![0].edits);
    assert.equal(fixed, text.replace('expires: 2027-01-31', 'expires: 2026-12-20'), 'a date stays a date');
    assert.deepEqual(byRule(lintYaml(fixed), 'cert/pem-mismatch'), []);
  });
  it('fixes a date-time expires with the exact notAfter', () => {
    const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notAfter: NOT_AFTER });
    const text = inventory('api.example.com', '2027-01-31T09:30:00+02:00', inlinePem(pem));
    const [finding] = byRule(lintYaml(text), 'cert/pem-mismatch');
    assert.equal(covered(text, finding.range), '2027-01-31T09:30:00+02:00');
    const fixed = applyEdits(text, finding.fixes![0].edits);
    assert.equal(fixed, text.replace('expires: 2027-01-31T09:30:00+02:00', 'expires: 2026-12-20T12:00:00Z'));
    assert.deepEqual(byRule(lintYaml(fixed), 'cert/pem-mismatch'), []);
  });
  it('reports each host the certificate names do not cover, on the host', () => {
    const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notAfter: NOT_AFTER });
    const text = inventory('api.example.com, admin.example.com:8443', '2026-12-20T12:00:00Z', inlinePem(pem));
    const findings = byRule(lintYaml(text), 'cert/pem-mismatch');
    assert.deepEqual(findings.map((f) => covered(text, f.range)), ['admin.example.com:8443']);
    assert.match(findings[0].message, /does not cover admin\.example\.com \(it names api\.example\.com\)/);
  });
  it('reports a PEM that is not a certificate, on the value', () => {
    const text = inventory('api.example.com', '2026-12-20', '    pem: "paste here"\n');
    const [finding] = byRule(lintYaml(text), 'cert/pem-invalid');
    assert.equal(covered(text, finding.range), '"paste here"');
    const garbled = inventory('api.example.com', '2026-12-20', inlinePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'));
    assert.match(byRule(lintYaml(garbled), 'cert/pem-invalid')[0].message, /cannot be parsed/);
  });
});

describe('pemFile, relative to the inventory', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-docs-pem-'));
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'api.pem'), makeCertificatePem({ dnsNames: ['api.example.com'], notAfter: NOT_AFTER }));
    writeFileSync(join(dir, 'certs', 'junk.pem'), 'hello');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file next to the inventory', () => {
    const text = inventory('api.example.com', '2026-12-20T12:00:00Z', '    pemFile: certs/api.pem\n');
    const findings = lintYaml(text, { path: join(dir, 'cert-inventory.yaml') });
    assert.deepEqual([...byRule(findings, 'cert/pem-mismatch'), ...byRule(findings, 'cert/pem-invalid')], []);
    const wrongDate = inventory('api.example.com', '2026-06-01', '    pemFile: certs/api.pem\n');
    assert.equal(byRule(lintYaml(wrongDate, { path: join(dir, 'cert-inventory.yaml') }), 'cert/pem-mismatch').length, 1);
  });
  it('reports a missing or unparseable file as pem-invalid, on the path', () => {
    for (const file of ['certs/missing.pem', 'certs/junk.pem', 'certs']) {
      const text = inventory('api.example.com', '2026-12-20', `    pemFile: ${file}\n`);
      const findings = byRule(lintYaml(text, { path: join(dir, 'cert-inventory.yaml') }), 'cert/pem-invalid');
      assert.equal(findings.length, 1, file);
      assert.equal(covered(text, findings[0].range), file);
    }
  });
  it('reports a relative pemFile when the document has no path', () => {
    const text = inventory('api.example.com', '2026-12-20', '    pemFile: certs/api.pem\n');
    // A language id instead of a path: an unsaved buffer.
    const findings = byRule(lint({ text, languageId: 'yaml' }, defaultConfig(), { now: NOW }), 'cert/pem-invalid');
    assert.match(findings[0].message, /no file path/);
  });
});

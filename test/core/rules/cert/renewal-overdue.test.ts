/** cert/renewal-overdue: automated certificates judged by their renewal point, from typed dates and real PEMs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS } from '../../../../server/src/core/units';
import { byRule, configWith, covered, indent, lintYaml, makeCertificatePem } from '../../../helpers/inventory';

const entry = (method: string, fields: string) =>
  `defaults:\n  owner: pki@example.com\n  notify: pki@example.com\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n    renewal: { method: ${method} }\n${fields}`;

const issued = new Date('2026-09-01T00:00:00Z');
const at = (days: number) => new Date(issued.getTime() + days * DAY_MS);

describe('cert/renewal-overdue', () => {
  it('reports a 90-day ACME certificate past 2/3 of its life, on issued, with the point, days left and method', () => {
    const text = entry('acme', '    issued: 2026-09-01\n    lifetime: 90d\n');
    assert.deepEqual(byRule(lintYaml(text, { now: at(59) }), 'cert/renewal-overdue'), [], 'a day before the renewal point');
    const [finding] = byRule(lintYaml(text, { now: at(61) }), 'cert/renewal-overdue');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 22 } });
    assert.equal(covered(text, finding.range), '2026-09-01');
    assert.equal(
      finding.message,
      'Certificate "api" was due for renewal on 2026-10-31 (2/3 of its 90-day lifetime, typed) and has not been replaced: acme renewal is not working. 29 days left before it expires on 2026-11-30.',
    );
  });

  it('judges cert-manager entries too, and no manual or internal-ca one', () => {
    const fields = '    issued: 2026-09-01\n    lifetime: 2160h\n';
    assert.match(byRule(lintYaml(entry('cert-manager', fields), { now: at(70) }), 'cert/renewal-overdue')[0].message, /cert-manager renewal is not working/);
    for (const method of ['manual', 'internal-ca']) {
      assert.deepEqual(byRule(lintYaml(entry(method, `${fields}    expires: 2026-11-30\n`), { now: at(70) }), 'cert/renewal-overdue'), [], method);
    }
  });

  it('stops once the certificate has expired (cert/expired says it)', () => {
    const text = entry('acme', '    issued: 2026-09-01\n    lifetime: 90d\n');
    const findings = lintYaml(text, { now: at(91) });
    assert.deepEqual(byRule(findings, 'cert/renewal-overdue'), []);
    assert.equal(byRule(findings, 'cert/expired').length, 1);
  });

  it('moves with renewAtShare', () => {
    const text = entry('acme', '    issued: 2026-09-01\n    lifetime: 90d\n');
    assert.deepEqual(byRule(lintYaml(text, { now: at(61), config: configWith({ renewAtShare: 0.75 }) }), 'cert/renewal-overdue'), []);
    const [finding] = byRule(lintYaml(text, { now: at(68), config: configWith({ renewAtShare: 0.75 }) }), 'cert/renewal-overdue');
    assert.match(finding.message, /due for renewal on 2026-11-07 \(3\/4 of its 90-day lifetime/);
  });

  it('reads the PEM before the typed dates: a renewed certificate is no longer overdue', () => {
    const old = makeCertificatePem({ dnsNames: ['api.example.com'], notBefore: issued, notAfter: at(90) });
    const renewed = makeCertificatePem({ dnsNames: ['api.example.com'], notBefore: at(60), notAfter: at(150) });
    const typed = '    issued: 2026-09-01\n    lifetime: 90d\n';
    const withPem = (pem: string) => entry('acme', `${typed}    pem: |\n${indent(pem, 6)}\n`);
    const [finding] = byRule(lintYaml(withPem(old), { now: at(75) }), 'cert/renewal-overdue');
    assert.match(finding.message, /90-day lifetime, from the PEM\)/);
    assert.equal(covered(withPem(old), finding.range)[0], '|', 'on the PEM, the source of the dates');
    assert.deepEqual(byRule(lintYaml(withPem(renewed), { now: at(75) }), 'cert/renewal-overdue'), []);
  });

  it('says nothing of an entry with only expires: its renewal point is unknown', () => {
    const text = entry('acme', '    expires: 2026-11-30\n');
    assert.deepEqual(byRule(lintYaml(text, { now: at(80) }), 'cert/renewal-overdue'), []);
    assert.equal(byRule(lintYaml(text, { now: at(80) }), 'cert/expiring').length, 1, 'judged by the warn window as before');
  });
});

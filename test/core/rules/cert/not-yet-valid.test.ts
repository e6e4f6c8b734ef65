/** cert/not-yet-valid: notBefore in the future, typed or in a real PEM. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, indent, lintYaml, makeCertificatePem, NOW } from '../../../helpers/inventory';
import { DAY_MS } from '../../../../server/src/core/units';

const HEAD = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n';

describe('cert/not-yet-valid', () => {
  it('reports a typed issued date in the future, on it', () => {
    const text = `${HEAD}    issued: 2026-12-01T09:30:00Z\n    lifetime: 47d\n`;
    const [finding] = byRule(lintYaml(text), 'cert/not-yet-valid');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 32 } });
    assert.equal(finding.message, 'Certificate "api" is not valid before 2026-12-01T09:30:00Z (typed): clients reject it until 2026-12-01.');
    assert.deepEqual(byRule(lintYaml(text, { now: new Date('2026-12-01T09:30:00Z') }), 'cert/not-yet-valid'), [], 'valid from notBefore on');
  });

  it('reports a PEM whose notBefore is in the future, on the PEM', () => {
    const notBefore = new Date(NOW.getTime() + 2 * DAY_MS);
    const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notBefore, notAfter: new Date(notBefore.getTime() + 90 * DAY_MS) });
    const text = `${HEAD}    pem: |\n${indent(pem, 6)}\n`;
    const [finding] = byRule(lintYaml(text), 'cert/not-yet-valid');
    assert.deepEqual(finding.range.start, { line: 7, character: 9 });
    assert.equal(covered(text, finding.range)[0], '|');
    assert.match(finding.message, /not valid before 2026-11-29T12:00:00Z \(from the PEM\)/);
  });

  it('is silent for certificates already valid, and for entries with only expires', () => {
    assert.deepEqual(byRule(lintYaml(`${HEAD}    issued: 2026-11-01\n    lifetime: 47d\n`), 'cert/not-yet-valid'), []);
    assert.deepEqual(byRule(lintYaml(`${HEAD}    expires: 2027-11-01\n`), 'cert/not-yet-valid'), []);
  });
});

/** cert/lifetime-limit: real certificates (node-forge) of 47, 90, 200 and 398 days, issued on both sides of each limit date. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS } from '../../../../server/src/core/units';
import { byRule, configWith, covered, indent, lintYaml, makeCertificatePem } from '../../../helpers/inventory';
import { LineIndex } from '../../../../server/src/core/text';

const DEFAULTS = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\n';

/** A publicly trusted entry carrying a real certificate of `days` issued at `issued`. */
function pemEntry(issued: string, days: number, trust = '    trust: public\n'): string {
  const notBefore = new Date(issued);
  const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) });
  return `${DEFAULTS}certificates:\n  - name: api\n    hosts: [api.example.com]\n${trust}    pem: |\n${indent(pem, 6)}\n`;
}

/** "Now" a day after issue: the certificate is valid, so only the limit is at stake. */
const dayAfter = (issued: string) => new Date(new Date(issued).getTime() + DAY_MS);

const CASES: { days: number; issued: string; limit?: number }[] = [
  { days: 398, issued: '2026-03-14T23:59:59Z' },
  { days: 398, issued: '2026-03-15T00:00:00Z', limit: 200 },
  { days: 200, issued: '2026-03-15T00:00:00Z' },
  { days: 200, issued: '2027-03-14T12:00:00Z' },
  { days: 200, issued: '2027-03-15T00:00:00Z', limit: 100 },
  { days: 90, issued: '2029-03-14T12:00:00Z' },
  { days: 90, issued: '2029-03-15T00:00:00Z', limit: 47 },
  { days: 47, issued: '2029-03-14T12:00:00Z' },
  { days: 47, issued: '2029-03-15T00:00:00Z' },
];

describe('cert/lifetime-limit', () => {
  for (const c of CASES) {
    it(`${c.days}-day certificate issued ${c.issued}: ${c.limit ? `over the ${c.limit}-day limit` : 'within the limit'}`, () => {
      const text = pemEntry(c.issued, c.days);
      const findings = byRule(lintYaml(text, { now: dayAfter(c.issued) }), 'cert/lifetime-limit');
      if (!c.limit) {
        assert.deepEqual(findings, []);
        return;
      }
      assert.equal(findings.length, 1);
      const [finding] = findings;
      assert.equal(finding.severity, 'warning');
      // On the PEM (no expires, no lifetime written): line 9 (zero-based 8), at the block scalar's indicator.
      assert.deepEqual(finding.range.start, { line: 8, character: 9 });
      assert.equal(covered(text, finding.range).slice(0, 1), '|');
      assert.match(finding.message, new RegExp(`"api" \\(\`trust: public\`\\) lives ${c.days} days \\(issued ${c.issued.slice(0, 10)}, from the PEM\\), more than the ${c.limit} days allowed`));
    });
  }

  it('leaves private and unmarked certificates alone', () => {
    const issued = '2026-04-01T00:00:00Z';
    for (const trust of ['    trust: private\n', '']) {
      assert.deepEqual(byRule(lintYaml(pemEntry(issued, 398, trust), { now: dayAfter(issued) }), 'cert/lifetime-limit'), [], trust || 'no trust');
    }
  });

  it('reads typed issued and lifetime, on the lifetime value, and trust from defaults', () => {
    const text = `defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  trust: public\n  renewal: { method: acme }\ncertificates:\n  - name: shop\n    hosts: [shop.example.com]\n    issued: 2027-04-01\n    lifetime: 2424h\n`;
    const [finding] = byRule(lintYaml(text, { now: new Date('2027-04-02T00:00:00Z') }), 'cert/lifetime-limit');
    assert.deepEqual(finding.range, { start: { line: 9, character: 14 }, end: { line: 9, character: 19 } });
    assert.equal(covered(text, finding.range), '2424h');
    assert.match(finding.message, /\(`trust: public` in defaults\) lives 101 days \(issued 2027-04-01, typed\)/);
    // 100 days is the limit from 2027-03-15: exactly that is within it, 101 days is over.
    assert.deepEqual(byRule(lintYaml(text.replace('2424h', '100d'), { now: new Date('2027-04-02T00:00:00Z') }), 'cert/lifetime-limit'), []);
    assert.equal(byRule(lintYaml(text.replace('2424h', '101d'), { now: new Date('2027-04-02T00:00:00Z') }), 'cert/lifetime-limit').length, 1);
  });

  it('gives the lifetime from issued and expires', () => {
    const text = `${DEFAULTS}certificates:\n  - name: api\n    hosts: [api.example.com]\n    trust: public\n    issued: 2026-04-01\n    expires: 2027-05-04\n`;
    const [finding] = byRule(lintYaml(text, { now: new Date('2026-05-01T00:00:00Z') }), 'cert/lifetime-limit');
    const lines = new LineIndex(text);
    assert.equal(lines.offsetAt(finding.range.start), text.indexOf('2027-05-04'), 'on expires');
    assert.match(finding.message, /lives 398 days/);
  });

  it('does not depend on the clock or settings', () => {
    const issued = '2026-03-15T00:00:00Z';
    const text = pemEntry(issued, 398);
    const config = configWith({ warnShare: 0, renewAtShare: 0.5 });
    assert.equal(byRule(lintYaml(text, { now: dayAfter(issued), config }), 'cert/lifetime-limit').length, 1);
  });
});

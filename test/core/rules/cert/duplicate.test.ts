/** cert/duplicate: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */

describe('cert/duplicate', () => {
  const two = (second: string) => `${CLEAN_INVENTORY}${second}`;
  it('reports a reused name on the later entry with related information', () => {
    const text = two('  - name: api-gateway\n    hosts: [other.example.com]\n    expires: 2027-08-16\n');
    const [finding] = byRule(lintYaml(text), 'cert/duplicate');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.range.start.line, 15, 'the second `- name:` line');
    assert.equal(covered(text, finding.range), 'api-gateway');
    assert.equal(finding.related?.[0].range.start.line, 5);
  });
  it('reports a reused host:port, with 443 as the default port and no case', () => {
    const text = two('  - name: api-2\n    hosts: [API.example.com, api.example.com:8443]\n    expires: 2027-08-16\n');
    const findings = byRule(lintYaml(text), 'cert/duplicate');
    assert.deepEqual(findings.map((f) => covered(text, f.range)), ['API.example.com']);
    assert.match(findings[0].message, /api\.example\.com:443 is already listed by entry "api-gateway"/);
  });
  it('is silent on distinct names and endpoints', () => {
    const text = two('  - name: api-admin\n    hosts: [api.example.com:8443]\n    expires: 2027-08-16\n');
    assert.deepEqual(byRule(lintYaml(text), 'cert/duplicate'), []);
  });
});

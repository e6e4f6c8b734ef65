/** cert/missing-field: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

describe('cert/missing-field', () => {
  it('is an error for name, hosts and expires, naming the field', () => {
    const text = 'certificates:\n  - environment: prod\n    owner: platform-team@example.com\n    notify: [platform-team@example.com]\n    renewal: { method: acme }\n';
    const findings = byRule(lintYaml(text), 'cert/missing-field');
    assert.deepEqual(findings.map((f) => f.message.match(/no `(\w+)`/)?.[1]).sort(), ['expires', 'hosts', 'name']);
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.ok(findings.every((f) => covered(text, f.range) === 'environment'), 'on the entry\'s first key');
  });
  it('is a warning for owner, notify and renewal unless defaults give them', () => {
    const bare = 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2027-01-01\n';
    const findings = byRule(lintYaml(bare), 'cert/missing-field');
    assert.deepEqual(findings.map((f) => f.message.match(/no `(\w+)`/)?.[1]).sort(), ['notify', 'owner', 'renewal']);
    assert.ok(findings.every((f) => f.severity === 'warning' && covered(bare, f.range) === 'api'));
    const withDefaults = `defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\n${bare}`;
    assert.deepEqual(byRule(lintYaml(withDefaults), 'cert/missing-field'), []);
  });
  it('requires renewal.method, and sop unless acme', () => {
    const noSop = variant('      sop: https://wiki.example.com/sop/renew\n', '');
    const [finding] = byRule(lintYaml(noSop), 'cert/missing-field');
    assert.match(finding.message, /no `sop`/);
    assert.equal(covered(noSop, finding.range), 'renewal');
    const acme = noSop.replace('method: internal-ca', 'method: acme');
    assert.deepEqual(byRule(lintYaml(acme), 'cert/missing-field'), []);
    const noMethod = variant('      method: internal-ca\n', '');
    assert.match(byRule(lintYaml(noMethod), 'cert/missing-field')[0].message, /no `method`/);
  });
  it('reports a glob-matched inventory without a certificates list', () => {
    const findings = lintYaml('defaults:\n  warnDays: 10\n', { path: '/repo/cert-inventory.yaml' });
    assert.equal(byRule(findings, 'cert/missing-field').length, 1);
  });
});

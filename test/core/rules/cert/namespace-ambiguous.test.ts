/** cert/namespace-ambiguous: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */

describe('cert/namespace-ambiguous', () => {
  const second = (env: string, ns: string) =>
    `${CLEAN_INVENTORY}  - name: api-staging\n    hosts: [api.staging.example.com]\n    environment: ${env}\n    namespace: ${ns}\n    expires: 2027-08-16\n`;
  it('reports a namespace shared by different environments, on each namespace value', () => {
    const text = second('staging', 'prod-cluster/gateway');
    const findings = byRule(lintYaml(text), 'cert/namespace-ambiguous');
    assert.equal(findings.length, 2);
    assert.ok(findings.every((f) => f.severity === 'info' && covered(text, f.range) === 'prod-cluster/gateway'));
    assert.match(findings[0].message, /prod, staging/);
  });
  it('is silent when the environment is the same or the namespace differs', () => {
    assert.deepEqual(byRule(lintYaml(second('prod', 'prod-cluster/gateway')), 'cert/namespace-ambiguous'), []);
    assert.deepEqual(byRule(lintYaml(second('staging', 'staging-cluster/gateway')), 'cert/namespace-ambiguous'), []);
  });
});

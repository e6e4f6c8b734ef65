/** cert/renew-before: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */

describe('cert/renew-before', () => {
  const certificate = (spec: string) =>
    `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api\nspec:\n  secretName: api-tls\n${spec}  dnsNames: [api.example.com]\n`;
  it('reports renewBefore not shorter than duration, on renewBefore', () => {
    const text = certificate('  duration: 720h\n  renewBefore: 720h0m0s\n');
    const [finding] = byRule(lintYaml(text, { path: '/k8s/cert.yaml' }), 'cert/renew-before');
    assert.equal(finding.severity, 'warning');
    assert.equal(covered(text, finding.range), '720h0m0s');
  });
  it('uses the 90-day default duration', () => {
    assert.equal(byRule(lintYaml(certificate('  renewBefore: 2200h\n'), { path: '/k8s/c.yaml' }), 'cert/renew-before').length, 1);
    assert.equal(byRule(lintYaml(certificate('  renewBefore: 720h\n'), { path: '/k8s/c.yaml' }), 'cert/renew-before').length, 0);
  });
  it('reports renewBeforePercentage of 100 or more', () => {
    const text = certificate('  renewBeforePercentage: 100\n');
    const [finding] = byRule(lintYaml(text, { path: '/k8s/c.yaml' }), 'cert/renew-before');
    assert.equal(covered(text, finding.range), '100');
    assert.deepEqual(byRule(lintYaml(certificate('  renewBeforePercentage: 33\n'), { path: '/k8s/c.yaml' }), 'cert/renew-before'), []);
  });
  it('handles the legacy API group and skips templated values', () => {
    const legacy = certificate('  duration: 24h\n  renewBefore: 48h\n').replace('cert-manager.io/v1', 'certmanager.k8s.io/v1alpha1');
    assert.equal(byRule(lintYaml(legacy, { path: '/k8s/c.yaml' }), 'cert/renew-before').length, 1);
    assert.deepEqual(lintYaml(certificate('  duration: ${DURATION}\n  renewBefore: 48h\n'), { path: '/k8s/c.yaml' }), []);
  });
  it('ignores other kinds and other API groups', () => {
    const other = certificate('  duration: 24h\n  renewBefore: 48h\n').replace('cert-manager.io/v1', 'example.com/v1');
    assert.deepEqual(lintYaml(other, { path: '/k8s/c.yaml' }), []);
  });
});

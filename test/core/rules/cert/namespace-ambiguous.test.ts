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

describe('cert/namespace-ambiguous at scale', () => {
  /** `count` entries in one namespace, their environments taken in turn from `environments`. */
  const shared = (count: number, environments: string[]) =>
    'certificates:\n' +
    Array.from({ length: count }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    owner: team@example.com\n    expires: 2027-05-01\n    environment: ${environments[i % environments.length]}\n    namespace: gateway\n`).join('');

  it('points each finding at the first entry of every other environment, not at every other user', () => {
    const text = shared(300, ['prod', 'staging', 'qa']);
    const findings = byRule(lintYaml(text), 'cert/namespace-ambiguous');
    assert.equal(findings.length, 300);
    const lines = text.split('\n');
    for (const [i, finding] of findings.entries()) {
      const own = ['prod', 'staging', 'qa'][i % 3];
      const related = finding.related ?? [];
      const witnesses = [
        ['svc-0', 'prod'],
        ['svc-1', 'staging'],
        ['svc-2', 'qa'],
      ].filter(([, environment]) => environment !== own);
      assert.deepEqual(
        related.map((r) => r.message),
        witnesses.map(([name, environment]) => `Entry "${name}" (${environment}) uses it too`),
      );
      // Each related span is that first entry's namespace value.
      for (const r of related) assert.equal(covered(text, r.range), 'gateway');
      assert.ok(lines[finding.range.start.line].includes('namespace: gateway'));
    }
    assert.match(findings[0].message, /\(prod, staging, qa\)/);
  });

  it('names a few environments in related information when there are thousands', () => {
    const environments = Array.from({ length: 400 }, (_, i) => `env-${i}`);
    const findings = byRule(lintYaml(shared(400, environments)), 'cert/namespace-ambiguous');
    assert.equal(findings.length, 400);
    assert.ok(findings.every((f) => (f.related ?? []).length === 5 && f.message.length < 400), 'related and message bounded');
  });
});

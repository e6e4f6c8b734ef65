import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certRules } from '../../../../server/src/core/rules/cert';
import { ENTRY_KEYS, RENEWAL_METHODS, TOP_LEVEL_KEYS } from '../../../../server/src/core/inventory/keys';
import schema from '../../../../schemas/cert-inventory.schema.json';
import { byRule, lintYaml } from '../../../helpers/inventory';

/** Examples that need a file next to them (pemFile) cannot run from the docs alone. */
const NEEDS_FILES = new Set(['cert/pem-mismatch', 'cert/chain-expiry', 'cert/weak-key', 'cert/weak-signature']);
/** cert/live-* rules need a live probe; test/cli/lint-live.test.ts runs them on real servers. */
const isLive = (id: string) => id.startsWith('cert/live-');

describe('rule docs', () => {
  it('lists the nineteen static rules, the two cross-file ones, then the five live ones, each with a summary and examples', () => {
    assert.deepEqual(certRules.map((r) => r.id).filter((id) => !isLive(id)), [
      'cert/yaml-syntax', 'cert/expired', 'cert/expiring', 'cert/personal-email', 'cert/missing-field', 'cert/duplicate',
      'cert/unknown-key', 'cert/invalid-value', 'cert/pem-mismatch', 'cert/pem-invalid', 'cert/private-key',
      'cert/namespace-ambiguous', 'cert/renew-before', 'cert/renewal-overdue', 'cert/lifetime-limit', 'cert/not-yet-valid',
      'cert/chain-expiry', 'cert/weak-key', 'cert/weak-signature', 'cert/not-in-inventory', 'cert/no-certificate-resource',
    ]);
    assert.deepEqual(certRules.map((r) => r.id).filter(isLive), [
      'cert/live-mismatch', 'cert/live-expired', 'cert/live-untrusted', 'cert/live-hostname', 'cert/live-unreachable',
    ]);
    for (const rule of certRules) assert.ok(rule.docs.summary && rule.docs.bad && rule.docs.good, rule.id);
  });
  for (const rule of certRules.filter((r) => !NEEDS_FILES.has(r.id) && !isLive(r.id))) {
    it(`${rule.id}: the bad example is reported and the good one is not`, () => {
      const path = rule.docs.bad.startsWith('apiVersion') ? '/k8s/example.yaml' : '/repo/example.yaml';
      assert.ok(byRule(lintYaml(rule.docs.bad, { path }), rule.id).length > 0, 'bad example');
      assert.deepEqual(byRule(lintYaml(rule.docs.good, { path }), rule.id), [], 'good example');
    });
  }
});

describe('the JSON Schema', () => {
  it('is draft-07 and is where the known keys come from', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(TOP_LEVEL_KEYS, ['defaults', 'certificates']);
    assert.ok(ENTRY_KEYS.includes('pemFile') && ENTRY_KEYS.includes('renewal'));
    assert.deepEqual(RENEWAL_METHODS, ['acme', 'internal-ca', 'manual', 'cert-manager']);
  });
  it('has host and expires patterns that agree with the rules on simple cases', () => {
    const host = new RegExp(schema.definitions.host.pattern);
    for (const ok of ['api.example.com', 'api.example.com:443', '[2001:db8::1]:8443', '*.example.com']) assert.ok(host.test(ok), ok);
    const expires = new RegExp(schema.definitions.certificate.properties.expires.pattern);
    for (const ok of ['2026-08-16', '2026-08-16T16:14:00Z', '2026-08-16T16:14:00+02:00']) assert.ok(expires.test(ok), ok);
    assert.ok(!expires.test('next tuesday'));
  });
});

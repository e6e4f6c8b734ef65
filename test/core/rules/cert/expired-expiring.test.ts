/** cert/expired-expiring (and cert/expiring): findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, configWith, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

describe('cert/expired and cert/expiring', () => {
  it('reports an expiry in the past on the expires value', () => {
    const text = variant('expires: 2027-08-16T16:14:00Z', 'expires: 2026-11-24');
    const [finding] = byRule(lintYaml(text), 'cert/expired');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding.range), '2026-11-24');
    assert.match(finding.message, /"api-gateway" expired on 2026-11-24 \(3 days ago\)/);
    assert.deepEqual(byRule(lintYaml(text), 'cert/expiring'), []);
  });
  it('depends on "now", not the clock', () => {
    const text = variant('expires: 2027-08-16T16:14:00Z', 'expires: 2026-11-24');
    assert.deepEqual(byRule(lintYaml(text, { now: new Date('2026-11-01T00:00:00Z') }), 'cert/expired'), []);
  });
  it('reports an expiry inside the default 30-day window as expiring', () => {
    const text = variant('expires: 2027-08-16T16:14:00Z', 'expires: 2026-12-20T12:00:00Z');
    const [finding] = byRule(lintYaml(text), 'cert/expiring');
    assert.equal(finding.severity, 'warning');
    assert.equal(covered(text, finding.range), '2026-12-20T12:00:00Z');
    assert.match(finding.message, /in 23 days .*30-day warn window \(warnDays in defaults\)/);
  });
  it('uses the entry warnDays over defaults, and defaults over the setting', () => {
    const soon = variant('expires: 2027-08-16T16:14:00Z', 'expires: 2026-12-20T12:00:00Z\n    warnDays: 14');
    assert.deepEqual(byRule(lintYaml(soon), 'cert/expiring'), []);
    const noDefaults = soon.replace('    warnDays: 14\n', '').replace('  warnDays: 30\n', '');
    assert.equal(byRule(lintYaml(noDefaults, { config: configWith({ warnDays: 10 }) }), 'cert/expiring').length, 0);
    assert.equal(byRule(lintYaml(noDefaults, { config: configWith({ warnDays: 40 }) }), 'cert/expiring').length, 1);
  });
  it('is silent on a far expiry', () => {
    const findings = lintYaml(CLEAN_INVENTORY);
    assert.deepEqual([...byRule(findings, 'cert/expired'), ...byRule(findings, 'cert/expiring')], []);
  });
});

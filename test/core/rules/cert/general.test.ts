/** Rules of certificate YAML in general: a clean inventory, suppression comments, levels from config.: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, configWith, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

describe('the clean inventory', () => {
  it('has no findings at all', () => {
    assert.deepEqual(lintYaml(CLEAN_INVENTORY), []);
  });
});

describe('suppression comments', () => {
  it('honours disable-line, disable-next-line and disable/enable in YAML comments', () => {
    const line = variant('escalation: cert-approvers@example.com', 'escalation: jane.doe@example.com # incident-docs-disable-line cert/personal-email');
    assert.deepEqual(lintYaml(line), []);
    const next = variant('      escalation: cert-approvers@example.com', '      # incident-docs-disable-next-line cert/personal-email\n      escalation: jane.doe@example.com');
    assert.deepEqual(lintYaml(next), []);
    const other = variant('      escalation: cert-approvers@example.com', '      # incident-docs-disable-next-line cert/expired\n      escalation: jane.doe@example.com');
    assert.equal(byRule(lintYaml(other), 'cert/personal-email').length, 1);
    const block = `# incident-docs-disable cert/personal-email\n${CLEAN_INVENTORY.replace(/platform-team@/g, 'jane.doe@')}`;
    assert.deepEqual(lintYaml(block), []);
  });
  it('is not fooled by a directive inside a string value', () => {
    const text = CLEAN_INVENTORY.replace('    environment: prod', '    environment: "# incident-docs-disable"\n    owner: jane.doe@example.com');
    assert.equal(byRule(lintYaml(text), 'cert/personal-email').length, 1);
  });
});

describe('rule severities from config', () => {
  it('turns a rule off or changes its level', () => {
    const text = variant('expires: 2027-08-16T16:14:00Z', 'expires: 2026-11-24');
    assert.deepEqual(lintYaml(text, { config: configWith({ rules: { 'cert/expired': 'off' } }) }), []);
    assert.equal(lintYaml(text, { config: configWith({ rules: { 'cert/expired': 'info' } }) })[0].severity, 'info');
  });
});

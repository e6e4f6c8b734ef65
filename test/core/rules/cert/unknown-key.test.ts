/** cert/unknown-key: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

describe('cert/unknown-key', () => {
  it('suggests the close key and renames it', () => {
    const text = variant('    notify: [platform-team', '    notfy: [platform-team');
    const [finding] = byRule(lintYaml(text), 'cert/unknown-key');
    assert.equal(covered(text, finding.range), 'notfy');
    assert.match(finding.message, /did you mean `notify`\?/);
    assert.equal(applyEdits(text, finding.fixes![0].edits), CLEAN_INVENTORY);
  });
  it('checks top level, defaults and renewal keys, listing known keys when nothing is close', () => {
    const text = `version: 2\n${CLEAN_INVENTORY.replace('  warnDays: 30', '  warndays: 30').replace('      sop:', '      runbook_url_xyz: x\n      sop:')}`;
    const findings = byRule(lintYaml(text), 'cert/unknown-key');
    assert.deepEqual(findings.map((f) => covered(text, f.range)), ['version', 'warndays', 'runbook_url_xyz']);
    assert.match(findings[1].message, /did you mean `warnDays`/);
    assert.match(findings[2].message, /Known keys: method, sop, escalation/);
  });
  it('accepts every key of the schema and YAML merge keys', () => {
    const text = `base: &base\n  owner: pki@example.com\n${CLEAN_INVENTORY}`.replace('base: &base', 'defaults: &base').replace(/defaults:\n  warnDays: 30\n  owner: platform-team@example.com\n  notify: \[platform-team@example.com\]\n/, '');
    const merged = text + '  - <<: *base\n    name: merged\n    hosts: [m.example.com]\n    expires: 2027-08-16\n    notify: [pki@example.com]\n    renewal: { method: acme }\n';
    assert.deepEqual(byRule(lintYaml(merged), 'cert/unknown-key'), []);
  });
});

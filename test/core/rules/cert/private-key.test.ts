/** cert/private-key: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */

describe('cert/private-key', () => {
  it('reports a private key block anywhere, on the block', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\n      MIIEowIBAAKCAQEA\n      -----END RSA PRIVATE KEY-----';
    const text = `${CLEAN_INVENTORY}    pem: |\n      ${block}\n`;
    const [finding] = byRule(lintYaml(text), 'cert/private-key');
    assert.equal(finding.severity, 'error');
    assert.equal(covered(text, finding.range), block);
    const inComment = `# -----BEGIN PRIVATE KEY-----\n${CLEAN_INVENTORY}`;
    assert.equal(byRule(lintYaml(inComment), 'cert/private-key').length, 1);
  });
  it('reports one whose armour is written with YAML escapes, once', () => {
    const escaped = '"\\x2d\\x2d\\x2d\\x2d\\x2dBEGIN RSA PRIVATE KEY\\x2d\\x2d\\x2d\\x2d\\x2d\\nMIIEowIBAAKCAQEA\\n\\u002d----END RSA PRIVATE KEY-----"';
    const text = `${CLEAN_INVENTORY}    pem: ${escaped}\n`;
    const findings = byRule(lintYaml(text), 'cert/private-key');
    assert.equal(findings.length, 1);
    assert.equal(covered(text, findings[0].range), escaped);
    assert.match(findings[0].message, /^A RSA PRIVATE KEY is committed/);
    const plain = `${CLEAN_INVENTORY}    pem: "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"\n`;
    assert.equal(byRule(lintYaml(plain), 'cert/private-key').length, 1, 'found in the text and in the value: one finding');
    const inKey = `${CLEAN_INVENTORY}    ? "\\x2d----BEGIN EC PRIVATE KEY-----"\n    : 1\n`;
    assert.equal(byRule(lintYaml(inKey), 'cert/private-key').length, 1, 'a key is a value too');
  });
  it('reports one in a cert-manager manifest, and is silent without one', () => {
    const manifest = 'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: ca\nspec:\n  ca:\n    secretName: ca\n# -----BEGIN EC PRIVATE KEY-----\n';
    assert.equal(byRule(lintYaml(manifest, { path: '/k8s/i.yaml' }), 'cert/private-key').length, 1);
    assert.deepEqual(byRule(lintYaml(CLEAN_INVENTORY), 'cert/private-key'), []);
  });
});

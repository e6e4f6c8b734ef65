import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../../server/src/core/types';
import { byRule, configWith, lintYaml } from '../../../helpers/inventory';

const HUGE = 4 * 1024 * 1024;
/** These documents are larger than the default size limit on purpose: raised, so they are checked. */
const LARGE = { maxFileSizeBytes: 64 * 1024 * 1024 };
/** Retitles the terminal window, then clears the screen, when printed raw. */
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J';

/** Every message short, on one line, with no character a terminal would act on. */
function assertQuotedSafely(findings: Finding[]): void {
  assert.ok(findings.length > 0);
  for (const f of findings) {
    assert.ok(f.message.length < 600, `${f.rule}: ${f.message.length} characters: ${f.message.slice(0, 200)}`);
    assert.doesNotMatch(f.message, /[\u0000-\u001f\u007f-\u009f]/, `${f.rule}: ${JSON.stringify(f.message)}`);
    for (const r of f.related ?? []) assert.ok(r.message.length < 600, `${f.rule} related`);
  }
}

describe('cert/* messages quote at most ~80 characters of the document, escaped', () => {
  it('a 4 MB unknown key', { timeout: 20_000 }, () => {
    const key = 'k'.repeat(HUGE);
    const text = `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    ${key}: 1\n`;
    const findings = byRule(lintYaml(text, { config: configWith(LARGE) }), 'cert/unknown-key');
    assert.equal(findings.length, 1);
    assertQuotedSafely(findings);
    assert.match(findings[0].message, /^Unknown key `k{79}…` in entry "api"\. Known keys: /);
  });
  it('`pem: !!binary` is named "binary data (N bytes)", not printed', () => {
    const base64 = Buffer.alloc(300_000, 71).toString('base64');
    const text = `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    pem: !!binary ${base64}\n`;
    const [finding] = byRule(lintYaml(text, { config: configWith(LARGE) }), 'cert/invalid-value');
    assert.equal(finding.message, 'Entry "api": `pem` should be text, not binary data (300000 bytes).');
  });
  it('names, hosts, dates, addresses, methods and namespaces from the document', () => {
    const long = `${ESCAPES}${'x'.repeat(200_000)}`;
    const q = JSON.stringify(long);
    const text = [
      'defaults:',
      `  warnDays: ${q}`,
      'certificates:',
      `  - name: ${q}`,
      `    hosts: [${q}, ${JSON.stringify(`https://${long}`)}]`,
      `    expires: ${q}`,
      `    owner: ${'x'.repeat(200_000)}@example.com`,
      `    notify: [${JSON.stringify(`bad ${long}`)}]`,
      `    renewal: { method: ${q} }`,
      `    environment: prod`,
      `    namespace: ${q}`,
      `  - name: ${q}`,
      `    hosts: [${JSON.stringify(`[${long}`)}]`,
      `    environment: ${q}`,
      `    namespace: ${q}`,
      '',
    ].join('\n');
    const findings = lintYaml(text, { config: configWith({ ...LARGE, personalEmailPatterns: ['x{20}'] }) });
    assertQuotedSafely(findings);
    for (const rule of ['cert/invalid-value', 'cert/personal-email', 'cert/duplicate', 'cert/namespace-ambiguous', 'cert/missing-field']) {
      assert.ok(byRule(findings, rule).length > 0, rule);
    }
    assert.ok(findings.some((f) => f.message.includes('\\x1B]0;owned\\x07\\x1B[2J')), 'the escapes are shown, escaped');
  });
  it('a cert-manager resource name and a private key label', () => {
    const name = `${ESCAPES}${'n'.repeat(HUGE / 2)}`;
    const manifest = `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: ${JSON.stringify(name)}\nspec:\n  secretName: s\n  duration: 720h\n  renewBefore: 720h\n# -----BEGIN ${'A '.repeat(100_000)}PRIVATE KEY-----\n`;
    const findings = lintYaml(manifest, { path: '/k8s/c.yaml', config: configWith(LARGE) });
    assertQuotedSafely(findings);
    assert.equal(byRule(findings, 'cert/renew-before').length, 1);
    assert.equal(byRule(findings, 'cert/private-key').length, 1);
  });
});

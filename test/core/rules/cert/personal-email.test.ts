/** cert/personal-email: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/core/config';
import { applyEdits, byRule, CLEAN_INVENTORY, configWith, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

describe('cert/personal-email', () => {
  const personal = (address: string, config = defaultConfig()) => {
    const text = variant('escalation: cert-approvers@example.com', `escalation: ${address}`);
    return byRule(lintYaml(text, { config }), 'cert/personal-email').map((f) => ({ text: covered(text, f.range), f }));
  };
  it('flags first.last, j.doe, first_last and free-mail addresses, on the address', () => {
    for (const address of ['jane.doe@example.com', 'j.doe@example.com', 'jane_doe@example.com', 'yuvipanda@gmail.com', 'ops@hotmail.co.uk']) {
      const found = personal(address);
      assert.equal(found.length, 1, address);
      assert.equal(found[0].text, address);
      assert.equal(found[0].f.severity, 'warning');
      assert.match(found[0].f.message, /notices sent to one person/);
    }
    assert.match(personal('yuvipanda@gmail.com')[0].f.message, /gmail\.com is a free-mail provider/);
    assert.match(personal('jane.doe@example.com')[0].f.message, /looks like a person's name/);
  });
  it('does not flag team aliases', () => {
    for (const address of ['sre-oncall@example.com', 'platform-team@example.com', 'pki@example.com', 'binder-team@googlegroups.com', 'sre.oncall@example.com']) {
      assert.deepEqual(personal(address), [], address);
    }
  });
  it('lets teamEmailPatterns win and personalEmailPatterns add', () => {
    assert.deepEqual(personal('jane.doe@example.com', configWith({ teamEmailPatterns: ['^jane\\.doe@'] })), []);
    assert.equal(personal('certbot@example.com', configWith({ personalEmailPatterns: ['^certbot@'] })).length, 1);
  });
  it('with requireTeamEmail flags every address matching no team pattern', () => {
    const config = configWith({ requireTeamEmail: true, teamEmailPatterns: ['^(platform-team|sre-oncall)@example\\.com$'] });
    const findings = byRule(lintYaml(CLEAN_INVENTORY, { config }), 'cert/personal-email');
    assert.deepEqual(findings.map((f) => covered(CLEAN_INVENTORY, f.range)), ['cert-approvers@example.com']);
    assert.match(findings[0].message, /requireTeamEmail/);
  });
  it('offers the default team address as a fix when configured', () => {
    const text = variant('escalation: cert-approvers@example.com', 'escalation: jane.doe@example.com');
    const none = byRule(lintYaml(text), 'cert/personal-email')[0];
    assert.deepEqual(none.fixes, []);
    const [finding] = byRule(lintYaml(text, { config: configWith({ defaultTeamEmail: 'pki@example.com' }) }), 'cert/personal-email');
    assert.equal(finding.fixes?.length, 1);
    assert.equal(applyEdits(text, finding.fixes![0].edits), CLEAN_INVENTORY.replace('cert-approvers@', 'pki@'));
  });
  it('checks defaults once, not once per inheriting entry', () => {
    const text = CLEAN_INVENTORY.replace('  owner: platform-team@example.com', '  owner: jane.doe@example.com') +
      '  - name: second\n    hosts: [b.example.com]\n    expires: 2027-08-16\n    renewal: { method: acme }\n';
    const findings = byRule(lintYaml(text), 'cert/personal-email');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^Defaults: personal owner/);
  });
  it('flags personal ACME registration e-mails in cert-manager issuers, not placeholders', () => {
    const issuer = (email: string) =>
      `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\nspec:\n  acme:\n    email: ${email}\n    server: https://acme-v02.api.letsencrypt.org/directory\n`;
    const [finding] = byRule(lintYaml(issuer('jane.doe@example.com'), { path: '/k8s/issuer.yaml' }), 'cert/personal-email');
    assert.match(finding.message, /ClusterIssuer\/le: personal ACME registration e-mail/);
    assert.deepEqual(lintYaml(issuer('"${ACME_EMAIL}"'), { path: '/k8s/issuer.yaml' }), []);
    assert.deepEqual(lintYaml(issuer('certs@example.com'), { path: '/k8s/issuer.yaml' }), []);
  });
});

describe('cert/personal-email: one finding per address', () => {
  it('the same address in two cert-manager resources of one file is one finding with the other as related', () => {
    const issuer = (name: string) => `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: ${name}\nspec:\n  acme:\n    email: jane.doe@example.com\n    server: https://acme.example/dir\n    privateKeySecretRef:\n      name: k\n`;
    const text = `${issuer('staging')}---\n${issuer('prod')}`;
    const findings = byRule(lintYaml(text, { path: '/k8s/issuers.yaml' }), 'cert/personal-email');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 6);
    assert.deepEqual(findings[0].related?.map((r) => r.range.start.line), [17]);
  });
  it('an address used by 400 entries: one finding, its message naming the first few uses and counting the rest', () => {
    const entries = Array.from({ length: 400 }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    owner: jane.doe@gmail.com\n    expires: 2027-05-01\n`);
    const findings = byRule(lintYaml(`certificates:\n${entries.join('')}`), 'cert/personal-email');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].related?.length, 399);
    assert.match(findings[0].message, /Also used by entry svc-1(, entry svc-\d+)* and \d+ more\.$/);
    assert.ok(findings[0].message.length < 600, `${findings[0].message.length} characters`);
  });
});

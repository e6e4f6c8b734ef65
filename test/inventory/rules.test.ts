import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { applyEdits, byRule, CLEAN_INVENTORY, configWith, covered, lintYaml } from './helpers';

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

describe('cert/yaml-syntax', () => {
  it('reports the parser message at its position and keeps checking the rest', () => {
    const text = 'certificates:\n  - name: api\n    hosts: [api.example.com\n    expires: 2020-01-01\n';
    const findings = lintYaml(text);
    const syntax = byRule(findings, 'cert/yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].severity, 'error');
    assert.match(syntax[0].message, /YAML syntax error: /);
    assert.ok(syntax[0].range.start.line >= 2, 'at the unclosed flow sequence, not line 0');
  });
  it('says so when the file is a template', () => {
    const text = 'certificates:\n  - name: {{ .Values.name }}\n{{- end }}\n  - x\n';
    const syntax = byRule(lintYaml(text), 'cert/yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.match(syntax[0].message, /template markers/);
  });
  it('is silent on valid YAML', () => {
    assert.deepEqual(byRule(lintYaml(CLEAN_INVENTORY), 'cert/yaml-syntax'), []);
  });
});

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
    assert.match(findings[0].message, /^defaults: personal owner/);
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

describe('cert/missing-field', () => {
  it('is an error for name, hosts and expires, naming the field', () => {
    const text = 'certificates:\n  - environment: prod\n    owner: platform-team@example.com\n    notify: [platform-team@example.com]\n    renewal: { method: acme }\n';
    const findings = byRule(lintYaml(text), 'cert/missing-field');
    assert.deepEqual(findings.map((f) => f.message.match(/no `(\w+)`/)?.[1]).sort(), ['expires', 'hosts', 'name']);
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.ok(findings.every((f) => covered(text, f.range) === 'environment'), 'on the entry\'s first key');
  });
  it('is a warning for owner, notify and renewal unless defaults give them', () => {
    const bare = 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2027-01-01\n';
    const findings = byRule(lintYaml(bare), 'cert/missing-field');
    assert.deepEqual(findings.map((f) => f.message.match(/no `(\w+)`/)?.[1]).sort(), ['notify', 'owner', 'renewal']);
    assert.ok(findings.every((f) => f.severity === 'warning' && covered(bare, f.range) === 'api'));
    const withDefaults = `defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\n${bare}`;
    assert.deepEqual(byRule(lintYaml(withDefaults), 'cert/missing-field'), []);
  });
  it('requires renewal.method, and sop unless acme', () => {
    const noSop = variant('      sop: https://wiki.example.com/sop/renew\n', '');
    const [finding] = byRule(lintYaml(noSop), 'cert/missing-field');
    assert.match(finding.message, /no `sop`/);
    assert.equal(covered(noSop, finding.range), 'renewal');
    const acme = noSop.replace('method: internal-ca', 'method: acme');
    assert.deepEqual(byRule(lintYaml(acme), 'cert/missing-field'), []);
    const noMethod = variant('      method: internal-ca\n', '');
    assert.match(byRule(lintYaml(noMethod), 'cert/missing-field')[0].message, /no `method`/);
  });
  it('reports a glob-matched inventory without a certificates list', () => {
    const findings = lintYaml('defaults:\n  warnDays: 10\n', { path: '/repo/cert-inventory.yaml' });
    assert.equal(byRule(findings, 'cert/missing-field').length, 1);
  });
});

describe('cert/duplicate', () => {
  const two = (second: string) => `${CLEAN_INVENTORY}${second}`;
  it('reports a reused name on the later entry with related information', () => {
    const text = two('  - name: api-gateway\n    hosts: [other.example.com]\n    expires: 2027-08-16\n');
    const [finding] = byRule(lintYaml(text), 'cert/duplicate');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.range.start.line, 15, 'the second `- name:` line');
    assert.equal(covered(text, finding.range), 'api-gateway');
    assert.equal(finding.related?.[0].range.start.line, 5);
  });
  it('reports a reused host:port, with 443 as the default port and no case', () => {
    const text = two('  - name: api-2\n    hosts: [API.example.com, api.example.com:8443]\n    expires: 2027-08-16\n');
    const findings = byRule(lintYaml(text), 'cert/duplicate');
    assert.deepEqual(findings.map((f) => covered(text, f.range)), ['API.example.com']);
    assert.match(findings[0].message, /api\.example\.com:443 is already listed by entry "api-gateway"/);
  });
  it('is silent on distinct names and endpoints', () => {
    const text = two('  - name: api-admin\n    hosts: [api.example.com:8443]\n    expires: 2027-08-16\n');
    assert.deepEqual(byRule(lintYaml(text), 'cert/duplicate'), []);
  });
});

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

describe('cert/invalid-value', () => {
  const invalid = (from: string, to: string) => {
    const text = variant(from, to);
    return byRule(lintYaml(text), 'cert/invalid-value').map((f) => ({ text: covered(text, f.range), message: f.message }));
  };
  it('reports impossible dates', () => {
    const [f] = invalid('expires: 2027-08-16T16:14:00Z', 'expires: 2027-02-30');
    assert.equal(f.text, '2027-02-30');
    assert.match(f.message, /has 28 days/);
    assert.equal(invalid('expires: 2027-08-16T16:14:00Z', 'expires: 2027-08-16T25:00:00Z').length, 1);
    assert.equal(invalid('expires: 2027-08-16T16:14:00Z', 'expires: next tuesday').length, 1);
    assert.equal(invalid('expires: 2027-08-16T16:14:00Z', 'expires: 2028-02-29').length, 0, 'a leap day is a day');
  });
  it('reports malformed hosts and ports', () => {
    assert.deepEqual(invalid('hosts: [api.example.com:443]', 'hosts: [api.example.com:70000, "https://x.example.com", bad_host!.com, "[::1]:8443", 2001:db8::1]').map((f) => f.text), [
      'api.example.com:70000',
      '"https://x.example.com"',
      'bad_host!.com',
      '2001:db8::1',
    ]);
  });
  it('reports malformed e-mails, non-positive warnDays and unknown renewal methods', () => {
    assert.deepEqual(invalid('escalation: cert-approvers@example.com', 'escalation: cert-approvers.example.com').map((f) => f.text), ['cert-approvers.example.com']);
    assert.deepEqual(invalid('  warnDays: 30', '  warnDays: 0').map((f) => f.text), ['0']);
    assert.deepEqual(invalid('    environment: prod', '    environment: prod\n    warnDays: -3').map((f) => f.text), ['-3']);
    const [method] = invalid('method: internal-ca', 'method: acmee');
    assert.equal(method.text, 'acmee');
    assert.match(method.message, /use acme, internal-ca, manual/);
  });
  it('reports values of the wrong shape', () => {
    assert.equal(invalid('    renewal:\n', '    renewal: yes\n    x:\n').length, 1);
    const text = 'certificates:\n  - just a string\n';
    assert.equal(byRule(lintYaml(text), 'cert/invalid-value').length, 1);
  });
  it('is silent on valid values', () => {
    assert.deepEqual(invalid('hosts: [api.example.com:443]', 'hosts: [api.example.com, "[2001:db8::1]:8443", 10.0.0.1, "*.example.com"]'), []);
  });
  it('owner, notify and escalation must be an address or a flat list of addresses', () => {
    assert.deepEqual(invalid('    environment: prod', '    environment: prod\n    owner: {x: 1}'), [
      { text: '{x: 1}', message: 'Entry "api-gateway": `owner` should be an address or a list of addresses, not a mapping.' },
    ]);
    assert.deepEqual(invalid('    environment: prod', '    environment: prod\n    owner: [[a@example.com, b@example.com], [c@example.com]]'), [
      { text: '[a@example.com, b@example.com]', message: 'Entry "api-gateway": `owner` item 1 should be an address, not a list (a list inside the list: write its addresses in the outer list).' },
      { text: '[c@example.com]', message: 'Entry "api-gateway": `owner` item 2 should be an address, not a list (a list inside the list: write its addresses in the outer list).' },
    ]);
    assert.deepEqual(invalid('  owner: platform-team@example.com', '  owner: 42'), [
      { text: '42', message: '`defaults`: `owner` should be an address or a list of addresses, not 42.' },
    ]);
    assert.deepEqual(invalid('escalation: cert-approvers@example.com', 'escalation: {team: x}').map((f) => f.message), [
      'Entry "api-gateway": `renewal.escalation` should be an address or a list of addresses, not a mapping.',
    ]);
    assert.deepEqual(invalid('notify: [platform-team@example.com, sre-oncall@example.com]', 'notify: [platform-team@example.com, 7, null]').map((f) => f.text), ['7', 'null']);
  });
  it('a list inside a notify list does not hide a personal address', () => {
    const text = variant('notify: [platform-team@example.com, sre-oncall@example.com]', 'notify: [[jane.doe@gmail.com]]');
    const findings = lintYaml(text);
    assert.deepEqual(byRule(findings, 'cert/invalid-value').map((f) => covered(text, f.range)), ['[jane.doe@gmail.com]']);
    assert.deepEqual(byRule(findings, 'cert/personal-email').map((f) => covered(text, f.range)), ['jane.doe@gmail.com']);
  });
});

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

describe('cert/personal-email: one finding per address', () => {
  it('the same address in two cert-manager resources of one file is one finding with the other as related', () => {
    const issuer = (name: string) => `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: ${name}\nspec:\n  acme:\n    email: jane.doe@example.com\n    server: https://acme.example/dir\n    privateKeySecretRef:\n      name: k\n`;
    const text = `${issuer('staging')}---\n${issuer('prod')}`;
    const findings = byRule(lintYaml(text, { path: '/k8s/issuers.yaml' }), 'cert/personal-email');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 6);
    assert.deepEqual(findings[0].related?.map((r) => r.range.start.line), [17]);
  });
});

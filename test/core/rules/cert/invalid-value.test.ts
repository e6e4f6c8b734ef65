/** cert/invalid-value: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, byRule, CLEAN_INVENTORY, covered, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */
function variant(from: string, to: string): string {
  assert.ok(CLEAN_INVENTORY.includes(from), `fixture lacks ${from}`);
  return CLEAN_INVENTORY.replace(from, to);
}

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
    assert.deepEqual(invalid('hosts: [api.example.com:443]', 'hosts: [api.example.com:70000, "gopher://x.example.com", bad_host!.com, "[::1]:8443", 2001:db8::1]').map((f) => f.text), [
      'api.example.com:70000',
      '"gopher://x.example.com"',
      'bad_host!.com',
      '2001:db8::1',
    ]);
  });
  it('takes hosts with a TLS scheme, and reports paths, credentials and unknown schemes', () => {
    assert.deepEqual(invalid('hosts: [api.example.com:443]', 'hosts: ["smtp://mail.example.com:587", "imaps://mail.example.com", "https://x.example.com", "postgresql://db.example.com"]'), []);
    const found = invalid('hosts: [api.example.com:443]', 'hosts: ["ldap://ldap.example.com/dc=example", "postgres://app:s3cret@db.example.com", "smpt://mail.example.com"]');
    assert.deepEqual(found.map((f) => f.text), ['"ldap://ldap.example.com/dc=example"', '"postgres://app:s3cret@db.example.com"', '"smpt://mail.example.com"']);
    assert.match(found[0].message, /has a path; write ldap:\/\/host:port only/);
    assert.match(found[1].message, /credentials do not belong in an inventory/);
    assert.doesNotMatch(found[1].message, /s3cret/, 'a password is never echoed');
    assert.match(found[2].message, /unknown scheme smpt:\/\/; known: https, smtp/);
  });
  it('reports a protocol that is not a known scheme', () => {
    assert.deepEqual(invalid('    environment: prod', '    environment: prod\n    protocol: smtp'), []);
    const [f] = invalid('    environment: prod', '    environment: prod\n    protocol: SMTPS-ish');
    assert.equal(f.text, 'SMTPS-ish');
    assert.match(f.message, /`protocol` should be one of https, smtp, smtps, imap/);
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
      { text: '42', message: 'In `defaults`: `owner` should be an address or a list of addresses, not 42.' },
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
  it('a wildcard host written unquoted, which YAML reads as an alias, is named as such and quoted by a safe fix', () => {
    const text = `certificates:
  - name: edge
    hosts: [*.edge.example.com, api.example.com]
    owner: platform-team@example.com
    expires: 2027-08-16
  - name: one
    hosts: *.one.example.com
    owner: platform-team@example.com
    expires: 2027-08-16
`;
    const findings = byRule(lintYaml(text), 'cert/invalid-value');
    assert.deepEqual(
      findings.map((f) => [covered(text, f.range), f.message]),
      [
        ['*.edge.example.com', 'Entry "edge": YAML reads `*.edge.example.com` as an alias, not a host; quote the wildcard: "*.edge.example.com".'],
        ['*.one.example.com', 'Entry "one": YAML reads `*.one.example.com` as an alias, not a host; quote the wildcard: "*.one.example.com".'],
      ],
    );
    assert.ok(findings.every((f) => f.fixes?.length === 1 && f.fixes[0].safe && f.fixes[0].preferred));
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes![0].edits));
    assert.equal(fixed, text.replace('*.edge.example.com', '"*.edge.example.com"').replace('*.one.example.com', '"*.one.example.com"'));
    assert.deepEqual(byRule(lintYaml(fixed), 'cert/invalid-value'), []);
  });
  it('an alias to a missing anchor that is no wildcard keeps the plain message', () => {
    const text = 'certificates:\n  - name: edge\n    hosts: [*hosts]\n    owner: platform-team@example.com\n    expires: 2027-08-16\n';
    assert.deepEqual(byRule(lintYaml(text), 'cert/invalid-value').map((f) => f.message), ['Entry "edge": a host should be host or host:port, not empty.']);
  });
});

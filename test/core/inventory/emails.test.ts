import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { classifyEmail, isValidEmail } from '../../../server/src/core/inventory/emails';
import { byRule, configWith, lintYaml } from '../../helpers/inventory';

const personal = (address: string, config = defaultConfig()) => classifyEmail(address, config).personal;

describe('classifyEmail', () => {
  it('treats team aliases and role mailboxes as teams', () => {
    for (const a of ['sre-oncall@example.com', 'platform-team@example.com', 'pki@example.com', 'Radix@StatoilSRM.onmicrosoft.com', 'jenkins-infra-team@googlegroups.com', 'hostmaster@example.org']) {
      assert.equal(personal(a), false, a);
    }
  });
  it('treats first.last, initials, first_last, bare first names and free-mail as personal', () => {
    for (const a of ['jane.doe@example.com', 'j.doe@example.com', 'jane_doe@corp.io', 'Jane.Q.Doe@example.com', 'jeff@billimek.com', 'someone@gmail.com', 'x@yahoo.co.jp', 'x@gmx.de', 'jane.doe+certs@example.com']) {
      assert.equal(personal(a), true, a);
    }
  });
  it('keeps the evidence in words', () => {
    assert.deepEqual(classifyEmail('someone@gmail.com', defaultConfig()).evidence, ['gmail.com is a free-mail provider, where mailboxes belong to people']);
  });
  it('lets configured patterns decide first', () => {
    assert.equal(personal('someone@gmail.com', configWith({ teamEmailPatterns: ['^someone@gmail'] })), false);
    assert.equal(personal('certs@example.com', configWith({ personalEmailPatterns: ['^certs@'] })), true);
    assert.equal(personal('pki@example.com', configWith({ requireTeamEmail: true })), true);
    assert.equal(personal('pki@example.com', configWith({ requireTeamEmail: true, teamEmailPatterns: ['^pki@'] })), false);
  });
  it('remembers verdicts per setting: configs sharing a pattern list but not the others never share a verdict', () => {
    const base = defaultConfig();
    // Spread copies share the pattern arrays, the key the remembered verdicts are kept under.
    const strict = { ...base, requireTeamEmail: true };
    const named = { ...base, personalEmailPatterns: ['^pki@'] };
    const team = { ...base, teamEmailPatterns: ['^jane\\.doe@'] };
    for (let round = 0; round < 2; round++) {
      assert.equal(personal('pki@example.com', base), false);
      assert.equal(personal('pki@example.com', strict), true);
      assert.equal(personal('pki@example.com', named), true);
      assert.equal(personal('jane.doe@example.com', base), true);
      assert.equal(personal('jane.doe@example.com', team), false);
      assert.equal(personal(' jane.doe@example.com', base), true);
    }
    const text = 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: pki@example.com\n    notify: [pki@example.com]\n';
    for (let round = 0; round < 2; round++) {
      assert.equal(byRule(lintYaml(text, { config: base }), 'cert/personal-email').length, 0);
      assert.equal(byRule(lintYaml(text, { config: strict }), 'cert/personal-email').length, 1);
    }
  });
  it('gives a remembered verdict frozen, so that no caller changes it for the others', () => {
    const verdict = classifyEmail('someone@gmail.com', defaultConfig());
    assert.throws(() => (verdict.evidence as string[]).push('changed'));
    assert.deepEqual(classifyEmail('someone@gmail.com', defaultConfig()).evidence, ['gmail.com is a free-mail provider, where mailboxes belong to people']);
  });
  it("runs a repository's patterns in linear time, ignoring case as before", { timeout: 5000 }, () => {
    const address = `${'a'.repeat(32)}@example.com`;
    assert.equal(personal(address, configWith({ personalEmailPatterns: ['(a+)+b'] })), false);
    assert.equal(personal(`${'A'.repeat(30)}b@example.com`, configWith({ teamEmailPatterns: ['^(a+)+$'], requireTeamEmail: true })), true);
    assert.equal(personal(address, configWith({ teamEmailPatterns: ['^(A+)+@EXAMPLE\\.COM$'], requireTeamEmail: true })), false);
  });
  it('a personal pattern through the rule, on a document whose config has it', { timeout: 5000 }, () => {
    const text = `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: ${'a'.repeat(32)}@example.com\n`;
    const findings = byRule(lintYaml(text, { config: configWith({ personalEmailPatterns: ['(a+)+b', '^(a+)+@'] }) }), 'cert/personal-email');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /matches the personal pattern \/\^\(a\+\)\+@\//);
  });
  it('rejects malformed addresses', () => {
    for (const a of ['no-at-sign', 'a@b', 'a@@b.com', '.a@b.com', 'a b@c.com', 'a@-b.com']) assert.equal(isValidEmail(a), false, a);
    assert.equal(classifyEmail('no-at-sign', defaultConfig()).valid, false);
  });
});

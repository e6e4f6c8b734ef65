import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lostScopes, scoped, tokenAt, tokenize, type Token } from './tokenize';

const YAML = 'source.yaml';
const EMAIL = 'markup.underline.link.email.incident-docs';
const EXPIRES = 'constant.other.date.expires.incident-docs';

const doc = `# Owner was jane.doe@example.com until 2026-01-01
defaults:
  owner: platform-team@example.com
certificates:
  - name: api-gateway
    notify: [platform-team@example.com, "sre-oncall@example.com"]
    expires: 2026-08-16T16:14:00Z # renew before 2026-08-01
    renewal: { method: manual, escalation: Cert Approvers <cert-approvers@example.com> }
  - name: web
    expires: '2026-09-30'
    issuedOn: 2026-06-30
    notify:
      - web-team@example.com
    pem: |
      -----BEGIN CERTIFICATE-----
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
spec:
  acme:
    email: team-list@example.com
`;
const lines = doc.split('\n');
let tokens: Token[];
const tokensP = tokenize(YAML, doc).then((t) => (tokens = t));

describe('YAML injection: e-mail addresses and expires dates', () => {
  test('e-mails: block and flow values, quoted, inside a longer value, ACME email; not in comments', async () => {
    await tokensP;
    assert.deepEqual(scoped(tokens, EMAIL), [
      'platform-team@example.com',
      'platform-team@example.com',
      'sre-oncall@example.com',
      'cert-approvers@example.com',
      'web-team@example.com',
      'team-list@example.com',
    ]);
  });

  test('expires: the value only (plain or quoted), not other dates, comments or keys', async () => {
    await tokensP;
    assert.deepEqual(scoped(tokens, EXPIRES), ['2026-08-16T16:14:00Z', '2026-09-30']);
  });

  test('keys, sequences, flow collections, strings and comments keep the base grammar’s scopes', async () => {
    await tokensP;
    for (const [line, key] of [['owner:', 'wner'], ['expires: 2026-08-16', 'xpires'], ['notify: [', 'otify']]) {
      assert.ok(tokenAt(tokens, line, key, lines).scopes.includes('entity.name.tag.yaml'), key);
    }
    assert.ok(tokenAt(tokens, 'notify: [', 'platform-team@example.com', lines).scopes.includes('meta.flow-sequence.yaml'));
    const quoted = tokenAt(tokens, 'notify: [', 'sre-oncall@example.com', lines).scopes;
    for (const s of ['string.quoted.double.yaml', EMAIL]) assert.ok(quoted.includes(s), s);
    const single = tokenAt(tokens, "expires: '", '2026-09-30', lines).scopes;
    for (const s of ['string.quoted.single.yaml', EXPIRES]) assert.ok(single.includes(s), s);
    const inValue = tokenAt(tokens, 'escalation:', 'cert-approvers@example.com', lines).scopes;
    for (const s of ['meta.flow-mapping.yaml', 'string.unquoted.plain.in.yaml', EMAIL]) assert.ok(inValue.includes(s), s);
    // What follows a scoped value is still tokenized as YAML: the comment after the expires date.
    assert.ok(tokenAt(tokens, 'expires: 2026-08-16', ' renew before 2026-08-01', lines).scopes.includes('comment.line.number-sign.yaml'));
    assert.ok(tokenAt(tokens, 'pem: |', '|', lines).scopes.some((s) => s.startsWith('keyword.control.flow.block-scalar')));
  });

  test('scopes lost are only the scalar scopes of the values it marks (a plain scalar’s first character is the base rule’s)', async () => {
    const lost = await lostScopes(YAML, doc);
    assert.ok(lost.length > 0, 'plain e-mail values do take over their scalar scope');
    for (const l of lost) {
      assert.ok(l.scopes.includes(EMAIL) || l.scopes.includes(EXPIRES), `${l.line}:${l.column} ${l.char} lost ${l.lost}`);
      assert.ok(l.lost.every((s) => /^string\.unquoted\.plain\.(in|out)\.yaml$|^constant\.other\.timestamp\.yaml$/.test(s)), l.lost.join(' '));
    }
  });

  test('does not apply to YAML front matter in Markdown (injected into source.yaml documents only)', async () => {
    const md = await tokenize('text.html.markdown', '---\nowner: platform-team@example.com\nexpires: 2026-01-01\n---\n# Title\n');
    assert.deepEqual(scoped(md, EMAIL), []);
    assert.deepEqual(scoped(md, EXPIRES), []);
  });
});

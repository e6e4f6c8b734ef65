/** Where "disable this rule for this line" puts its comment in YAML, and that the values stay the same. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze, lint } from '../../../server/src/core/lint';
import { suppressionEdits } from '../../../server/src/core/suppressionFix';
import { applyEdits, config, NOW } from '../../helpers/lint';

function suppressed(text: string, rule: string): string {
  const document = { path: '/repo/cert-inventory.yaml', text };
  const finding = lint(document, config(), { now: NOW }).find((f) => f.rule === rule);
  assert.ok(finding, `a ${rule} finding`);
  const edits = suppressionEdits(analyze(document, config()), finding);
  assert.ok(edits);
  const after = applyEdits(text, edits);
  assert.deepEqual(parse(after), parse(text), 'the same values');
  assert.deepEqual(lint({ ...document, text: after }, config(), { now: NOW }).filter((f) => f.rule === rule), [], 'silenced');
  return after;
}

const ENTRY = '  - name: api\n    hosts: [api.example.com]\n    owner: platform-team@example.com\n    notify: [sre-oncall@example.com]\n';

describe('disable a rule for one line in YAML', () => {
  it('puts a comment line above, indented like the line, and adds a rule to one already there', () => {
    const text = `certificates:\n${ENTRY}    expires: 2026-01-02\n`;
    const once = suppressed(text, 'cert/expired');
    assert.match(once, /\n    # incident-docs-disable-next-line cert\/expired\n    expires: 2026-01-02\n/);
    const twice = suppressed(`certificates:\n${ENTRY}    # incident-docs-disable-next-line cert/unknown-key\n    expires: 2026-01-02\n`, 'cert/expired');
    assert.match(twice, /\n    # incident-docs-disable-next-line cert\/unknown-key cert\/expired\n    expires: 2026-01-02\n/);
  });

  it('wraps a block scalar instead of writing into it', () => {
    const key = ['-----BEGIN PRIVATE KEY-----', 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA', '-----END PRIVATE KEY-----'];
    const text = `certificates:\n${ENTRY}    expires: 2099-01-02\n    pem: |\n      ${key.join('\n      ')}\n`;
    const after = suppressed(text, 'cert/private-key');
    assert.match(after, /\n    # incident-docs-disable cert\/private-key\n    pem: \|\n[\s\S]*-----END PRIVATE KEY-----\n    # incident-docs-enable cert\/private-key\n$/);
  });
});

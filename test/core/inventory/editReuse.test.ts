/**
 * A keystroke in one entry of a large inventory: the rules that look across entries (personal
 * addresses, private keys) read again only the entries it touched, and keep what they read of the
 * others, moved with the edit. incremental.test.ts checks the findings against whole lints.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { YAMLMap } from 'yaml';
import { defaultConfig } from '../../../server/src/core/config';
import { buildCertModel, type CertModel } from '../../../server/src/core/inventory/model';
import { privateKeyBlocks } from '../../../server/src/core/inventory/privateKeys';
import { emailRefs } from '../../../server/src/core/inventory/refs';
import { analyze, lint, type Analysis } from '../../../server/src/core/lint';
import { drain } from '../../../server/src/core/steps';

const PATH = '/repo/cert-inventory.yaml';
const config = defaultConfig();
/** A private key whose armour only the parsed value shows (the text scan cannot see it). */
const ESCAPED_KEY = '"\\x2d\\x2d\\x2d\\x2d\\x2dBEGIN RSA PRIVATE KEY\\x2d\\x2d\\x2d\\x2d\\x2d\\nMIIE\\n\\u002d----END RSA PRIVATE KEY-----"';

function inventory(entries: number): string {
  const out = ['defaults:', '  owner: platform-team@example.com', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    out.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, `    owner: ${i % 3 ? `team-${i}` : 'jane.doe'}@example.com`);
    out.push(`    notify: [ops-${i}@example.com, jane.doe@example.com]`, '    expires: 2027-01-01');
    if (i % 6 === 4) out.push(`    pem: ${ESCAPED_KEY}`);
  }
  return out.join('\n') + '\n';
}

function modelOf(analysis: Analysis): CertModel {
  return analysis.parsed[0].model as CertModel;
}

/** The text with the line holding `from` replaced by `to` (which may be several lines). */
function editLine(text: string, from: string, to: string): string {
  assert.ok(text.includes(from));
  return text.replace(from, to);
}

describe('an edit in one entry re-reads that entry alone', () => {
  const text = inventory(24);
  // Entry 7 gains a line: every entry after it moves down by one.
  const edited = editLine(text, '    owner: team-7@example.com\n', '    owner: team-7@example.com\n    environment: prod\n');

  test("the other entries' addresses are the ones read before, at their new places", () => {
    const analysis = analyze({ path: PATH, text }, config);
    const before = emailRefs(modelOf(analysis));
    const next = analyze({ path: PATH, text: edited }, config, {}, analysis);
    assert.ok(next.edit, 're-parsed by entries');
    const after = emailRefs(modelOf(next));
    assert.deepEqual(
      after.filter((ref) => !before.includes(ref)).map((ref) => ref.where),
      ['defaults', 'entry svc-7', 'entry svc-7', 'entry svc-7'],
      'of the entries, only the edited one is read again (defaults are read every time: a few lines)',
    );
    const whole = emailRefs(buildCertModel({ path: PATH, text: edited }, config));
    const shape = (refs: typeof after) => refs.map((r) => ({ address: r.address, span: r.span, role: r.role, where: r.where, inManifest: r.inManifest }));
    assert.deepEqual(shape(after), shape(whole));
  });

  test('the private key walk does not walk the other entries again', () => {
    const analysis = analyze({ path: PATH, text }, config);
    const model = modelOf(analysis);
    assert.equal(drain(privateKeyBlocks(model)).length, 4);
    const untouched = model.inventory!.entries[16].item as YAMLMap;
    const next = analyze({ path: PATH, text: edited }, config, {}, analysis);
    assert.ok(next.edit, 're-parsed by entries');
    assert.equal(modelOf(next).inventory!.entries[16].item, untouched, 'the entry is kept');
    let reads = 0;
    const items = untouched.items;
    Object.defineProperty(untouched, 'items', { get: () => (reads++, items), configurable: true });
    const blocks = drain(privateKeyBlocks(modelOf(next)));
    assert.equal(reads, 0);
    assert.deepEqual(blocks, drain(privateKeyBlocks(buildCertModel({ path: PATH, text: edited }, config))));
  });
});

test('entries that share nodes (anchors, aliases) are read in file order with the rest: an address is one finding, on its first use', () => {
  const text = [
    'defaults:',
    '  notify: &team [jane.doe@gmail.com]',
    'certificates:',
    '  - name: a',
    '    owner: &jane jane.doe@gmail.com',
    '  - name: c',
    '    owner: jane.doe@gmail.com',
    '    notify: [ops@example.com, john.smith@outlook.com]',
    '  - name: b',
    '    owner: *jane',
    '    notify: *team',
    '  - name: d',
    '    notify: [john.smith@outlook.com]',
  ].join('\n') + '\n';
  const findings = lint({ path: PATH, text }, config, { now: new Date('2026-11-27T12:00:00Z') }).filter((f) => f.rule === 'cert/personal-email');
  assert.deepEqual(
    findings.map((f) => [f.range.start.line, ...(f.related ?? []).map((r) => `${r.message} ${r.range.start.line}:${r.range.start.character}`)]),
    [
      [1, 'Entry a: the same address 4:17', 'Entry c: the same address 6:11', 'Entry b: the same address 9:11'],
      [7, 'Entry d: the same address 12:13'],
    ],
  );
});

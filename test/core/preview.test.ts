/**
 * A large inventory's first lines, checked before the whole document (core/preview.ts): what the
 * entry-scoped rules find there is exactly what the whole document's lint finds there, whatever
 * comes before the list, after it, or in the entries (defaults, anchors, directives, errors,
 * another YAML document).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core/config';
import { previewCertModel } from '../../server/src/core/inventory/preview';
import { lint } from '../../server/src/core/lint';
import { previewFindings } from '../../server/src/core/preview';
import { certRules } from '../../server/src/core/rules/cert';
import type { Finding, Range } from '../../server/src/core/types';
import { NOW } from '../helpers/inventory';

const PATH = '/repo/cert-inventory.yaml';
const config = defaultConfig();
const ENTRY_RULES = new Set(certRules.filter((r) => r.scope === 'entry').map((r) => r.id));

const HEADS = [
  '',
  'defaults:\n  owner: platform-team@example.com\n  warnDays: 30\n',
  'x-team: &team platform-team@example.com\n',
  '# the inventory\n# incident-docs-disable cert/unknown-key\n',
];
const TAILS = [
  '',
  'defaults:\n  owner: platform-team@example.com\n  renewal:\n    method: acme\n',
  '# incident-docs-disable\n',
  '---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n  dnsNames: [web.example.com]\n',
  'notes: "${HOST}"\n',
];
const ENTRIES: ((i: number) => string[])[] = [
  (i) => [`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, '    owner: platform@example.com', '    expires: 2099-01-15'],
  (i) => [`  - name: old-${i}`, `    hosts: [old-${i}.example.com]`, '    expires: 2020-01-15'],
  (i) => [`  - name: soon-${i}`, `    hosts: [soon-${i}.example.com]`, '    expires: 2026-12-10'],
  (i) => [`  - name: odd-${i}`, '    colour: blue', `    hosts: [odd-${i}.example.com]`, '    expires: 2027-05-01'],
  (i) => [`  - name: bare-${i}`],
  (i) => [`  - name: bad-date-${i}`, `    hosts: [bd-${i}.example.com]`, '    expires: 2026-13-45'],
  (i) => [`  - name: personal-${i}`, `    hosts: [p-${i}.example.com]`, '    owner: jane.doe@gmail.com', '    expires: 2027-03-01'],
  (i) => [`  - name: aliased-${i}`, `    hosts: [a-${i}.example.com]`, '    owner: *team', '    expires: 2027-03-01'],
  (i) => [`  - name: quiet-${i}`, `    hosts: [q-${i}.example.com]`, '    # incident-docs-disable-next-line cert/expired', '    expires: 2020-02-01'],
  () => ['  # incident-docs-enable cert/unknown-key', '  - name: dup', '    hosts: [dup.example.com]', '    expires: 2027-01-01'],
  (i) => [`  - name: wild-${i}`, '    hosts: [*.example.com]', '    expires: 2027-01-01'],
  (i) => [`  - name: long-${i}`, `    hosts: [l-${i}.example.com]`, '    issued: 2026-04-01', '    expires: 2027-06-01'],
  (i) => [`  - name: "q${i}"`, `    hosts: ["h${i}.example.com:8443"]`, '    renewal: {method: manual}', '    expires: 2026-12-01'],
];

/** The varied entries, then plain ones until the text is large enough to be previewed. */
function inventory(head: string, kinds: number[], tail: string): string {
  const lines = ['certificates:'];
  kinds.forEach((k, i) => lines.push(...ENTRIES[k](i)));
  let length = lines.join('\n').length;
  for (let i = 0; length < 210_000; i++) {
    const entry = ENTRIES[i % 7 === 3 ? 1 : 0](1_000 + i);
    lines.push(...entry);
    length += entry.join('\n').length + 1;
  }
  return `${head}${lines.join('\n')}\n${tail}`;
}

function before(line: number, f: Finding): boolean {
  const within = (r: Range) => r.end.line < line || (r.end.line === line && r.end.character === 0);
  return within(f.range) && (f.fixes ?? []).every((x) => x.edits.every((e) => within(e.range))) && (f.related ?? []).every((r) => r.uri !== undefined || within(r.range));
}

describe('a preview of an inventory\'s first lines', () => {
  test('finds there what the whole lint finds there, rule for rule', () => {
    let previewed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: HEADS.length - 1 }),
        fc.array(fc.integer({ min: 0, max: ENTRIES.length - 1 }), { minLength: 40, maxLength: 140 }),
        fc.integer({ min: 0, max: TAILS.length - 1 }),
        (head, kinds, tail) => {
          const document = { path: PATH, text: inventory(HEADS[head], kinds, TAILS[tail]) };
          const preview = previewFindings(document, config, { now: NOW });
          if (!preview) return;
          previewed++;
          const whole = lint(document, config, { now: NOW }).filter((f) => ENTRY_RULES.has(f.rule) && before(preview.throughLine, f));
          assert.deepEqual(preview.findings, whole);
        },
      ),
      { numRuns: 16, seed: 20261203 },
    );
    // Defaults both before and after the list (a duplicate key) give none.
    assert.ok(previewed >= 10, `${previewed} of 16 previewed`);
  });

  test('covers the first 400 lines or so, and reports what they hold', () => {
    const text = inventory(HEADS[1], [1, 3, 0, 5, 2], TAILS[0]);
    const preview = previewFindings({ path: PATH, text }, config, { now: NOW });
    assert.ok(preview);
    assert.ok(preview.throughLine >= 400 && preview.throughLine < 410, `through line ${preview.throughLine}`);
    assert.deepEqual([...new Set(preview.findings.map((f) => f.rule))].sort(), ['cert/expired', 'cert/expiring', 'cert/invalid-value', 'cert/missing-field', 'cert/unknown-key']);
  });

  test('none for a document that parses quickly whole, or whose end may read differently alone', () => {
    assert.equal(previewFindings({ path: PATH, text: inventory('', [], '').slice(0, 150_000) }, config, { now: NOW }), undefined);
    // Defaults after the list, an alias of an anchor among the entries the preview leaves out: the
    // entries' owner comes from there.
    const anchored = inventory('', [4, 4], '').replace('    owner: platform@example.com\n    expires: 2099-01-15\n  - name: svc-1301', '    owner: &shared platform@example.com\n    expires: 2099-01-15\n  - name: svc-1301');
    assert.ok(anchored.includes('&shared'));
    assert.ok(previewFindings({ path: PATH, text: anchored }, config, { now: NOW }), 'the anchor alone changes nothing');
    const aliased = `${anchored}defaults:\n  owner: *shared\n`;
    assert.equal(previewFindings({ path: PATH, text: aliased }, config, { now: NOW }), undefined);
    // A parse error after the list.
    assert.equal(previewFindings({ path: PATH, text: `${inventory('', [], '')}defaults: [unclosed\n` }, config, { now: NOW }), undefined);
    // A markdown file, or YAML that is no inventory.
    assert.equal(previewFindings({ path: '/repo/postmortem.md', text: '# x\n'.repeat(60_000) }, config, { now: NOW }), undefined);
    assert.equal(previewFindings({ path: '/repo/values.yaml', text: 'key: value\n'.repeat(30_000) }, config, { now: NOW }), undefined);
  });

  test('parses at most 100 KB in one step: long lines end it sooner, a long text after the list gives none', () => {
    // Notes of 1,500 characters in the first 300 entries.
    const roomy = { ...config, maxFileSizeBytes: 2_000_000 };
    let noted = 0;
    const long = inventory('', [], '').replace(/ {4}owner: platform@example.com\n/g, (line) => (noted++ < 300 ? `${line}    note: ${'x'.repeat(1_500)}\n` : line));
    const preview = previewFindings({ path: PATH, text: long }, roomy, { now: NOW });
    assert.ok(preview && preview.throughLine < 400, `through line ${preview?.throughLine}`);
    assert.ok(long.split('\n').slice(0, preview.throughLine).join('\n').length <= 100_000);
    assert.equal(previewFindings({ path: PATH, text: `${inventory('', [], '')}notes: |\n${'  a line of notes\n'.repeat(6_000)}` }, config, { now: NOW }), undefined);
    assert.equal(previewFindings({ path: PATH, text: `certificates:\n  - name: x\n    note: ${'y'.repeat(120_000)}\n${inventory('', [], '').slice('certificates:\n'.length)}` }, config, { now: NOW }), undefined);
  });

  test('the model knows what the whole text says of templates', () => {
    const plain = previewCertModel({ path: PATH, text: inventory('', [], '') }, config);
    const templated = previewCertModel({ path: PATH, text: inventory('', [], '# {{ .Values.note }}\n') }, config);
    assert.equal(plain?.model.templated, false);
    assert.equal(templated?.model.templated, true);
  });
});

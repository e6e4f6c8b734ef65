/**
 * The entry-wise re-parse (core/inventory/incremental.ts) must give what a whole parse gives:
 * every node's range and value, the entries, and (through lint) every finding. Random edits
 * against the bundled example, a generated inventory and hand-picked layouts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../../server/src/core/config';
import { reparseCertModel } from '../../../server/src/core/inventory/incremental';
import { buildCertModel, type CertModel } from '../../../server/src/core/inventory/model';
import { certificateYamlType } from '../../../server/src/core/documentTypes/inventory';
import { analyze, lint, lintAnalysis, lintAnalysisReusing, type Analysis } from '../../../server/src/core/lint';
import type { SourceDocument } from '../../../server/src/core/types';
import { NOW, yamlShape } from '../../helpers/inventory';
import { applyEdit } from '../../helpers/edits';

const PATH = '/repo/cert-inventory.yaml';
const config = defaultConfig();

function generated(entries: number): string {
  const out = ['# generated', 'defaults:', '  warnDays: 30', '  owner: platform-team@example.com', '', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    out.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, `    owner: ${i % 3 ? 'team' : 'jane.doe'}@example.com`, `    expires: 2027-0${(i % 9) + 1}-1${i % 10}`);
    if (i % 4 === 0) out.push('    renewal:', '      method: acme', '    # a comment between keys');
    if (i % 5 === 0) out.push('', '  # incident-docs-disable-next-line cert/expired');
  }
  return out.join('\n') + '\n';
}

const BASES: Record<string, string> = {
  example: readFileSync(join(__dirname, '..', '..', '..', 'examples', 'inventory', 'cert-inventory.yaml'), 'utf8'),
  generated: generated(12),
  compact: 'certificates:\n- name: a\n  expires: 2027-01-01\n- name: b\n  expires: 2020-01-01\ndefaults:\n  owner: x@example.com\n',
  trailing: 'certificates:\n  - name: a\n    hosts: [a.example.com]\n  - name: b\n    owner: jane.doe@gmail.com\n# end\n\n',
  noNewline: 'certificates:\n  - name: a\n  - name: b\n    expires: 2021-01-01',
  // What the rules that look across entries keep per entry: shared addresses, names, hosts and namespaces, an escaped key.
  shared: [
    'certificates:',
    '  - name: a\n    hosts: [a.example.com]\n    environment: prod\n    namespace: edge\n    owner: jane.doe@gmail.com',
    '  - name: b\n    hosts: [a.example.com, b.example.com]\n    environment: dev\n    namespace: edge\n    notify: [jane.doe@gmail.com, ops@example.com]',
    '  - name: a\n    pem: "\\x2d\\x2d\\x2d\\x2d\\x2dBEGIN EC PRIVATE KEY-----\\nMIIE\\n-----END EC PRIVATE KEY-----"\n    owner: JANE.DOE@gmail.com',
    '  - name: c\n    hosts: [b.example.com:443]\n    environment: prod\n    namespace: edge',
  ].join('\n') + '\n',
};

function analysisOf(model: CertModel, document: SourceDocument): Analysis {
  return { document, config, parsed: [certificateYamlType.withModel(model)], documentFindings: [] };
}

/** Checks one edit; says whether it was re-parsed by entries (false: fell back to a whole parse). */
function check(oldText: string, newText: string): boolean {
  const previous = buildCertModel({ path: PATH, text: oldText }, config);
  const document = { path: PATH, text: newText };
  const whole = buildCertModel(document, config);
  const reparsed = reparseCertModel(previous, document, config);
  if (!reparsed) return false;
  const model = reparsed.model;
  const context = `edit of ${JSON.stringify(oldText)} into ${JSON.stringify(newText)}`;
  assert.equal(whole.kind, 'inventory', context);
  assert.deepEqual(yamlShape(model.inventory!.doc), yamlShape(whole.inventory!.doc), context);
  assert.deepEqual(model.yaml.syntaxErrors, whole.yaml.syntaxErrors, context);
  assert.deepEqual(model.yaml.comments, whole.yaml.comments, context);
  const entries = (m: CertModel) => m.inventory!.entries.map((e) => [e.index, e.span, e.anchor, e.name]);
  assert.deepEqual(entries(model), entries(whole), context);
  const findings = (m: CertModel) => lintAnalysis(analysisOf(m, document), { now: NOW });
  assert.deepEqual(findings(model), findings(whole), context);
  return true;
}

const FRAGMENTS = ['a', ' ', '\n', '  ', '- ', ':', '#', "'", '"', '[', ']', '{', '}', ',', '&x ', '*x', '|\n', '---\n', '...\n',
  '    owner: jane.doe@gmail.com\n', '  - name: new\n    expires: 2020-01-01\n', '\n  - name: z\n', 'expires: 2027-02-30', 'defaults:\n', '\t'];

describe('inventory re-parse by entries equals a whole parse', () => {
  for (const [name, base] of Object.entries(BASES)) {
    test(`random edits of the ${name} inventory`, () => {
      let incremental = 0;
      fc.assert(
        fc.property(
          fc.nat({ max: base.length }),
          fc.nat({ max: 12 }),
          fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }),
          (at, remove, parts) => {
            if (check(base, applyEdit(base, at, remove, parts.join('')))) incremental++;
          },
        ),
        { numRuns: 400, seed: 42 },
      );
      // The test must exercise the re-parse, not only the fallback (the small bases are mostly not entries).
      assert.ok(incremental > 40, `only ${incremental} of 400 edits were re-parsed by entries`);
    });
  }

  test('findings after an incremental parse and lint equal a whole lint, for two edits in a row', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 2 }));
    for (const [name, base] of Object.entries(BASES)) {
      let reused = 0;
      fc.assert(
        fc.property(edit, edit, (...edits) => {
          let text = base;
          let analysis = analyze({ path: PATH, text }, config);
          let ruleFindings = lintAnalysisReusing(analysis, { now: NOW }).ruleFindings;
          for (const [at, remove, parts] of edits) {
            text = applyEdit(text, at % (text.length + 1), remove, parts.join(''));
            const document = { path: PATH, text };
            analysis = analyze(document, config, {}, analysis);
            if (analysis.edit) reused++;
            const result = lintAnalysisReusing(analysis, { now: NOW }, ruleFindings);
            assert.deepEqual(result.findings, lint(document, config, { now: NOW }), `${name}: ${JSON.stringify(text)}`);
            ruleFindings = result.ruleFindings;
          }
        }),
        { numRuns: 150, seed: 11 },
      );
      assert.ok(reused > 30, `${name}: only ${reused} of 300 edits reused findings`);
    }
  });

  test('a sequence of edits, each from the previous re-parsed model', () => {
    let text = generated(30);
    let model = buildCertModel({ path: PATH, text }, config);
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...FRAGMENTS), (at, remove, insert) => {
        const next = applyEdit(text, at % (text.length + 1), remove, insert);
        const document = { path: PATH, text: next };
        const whole = buildCertModel(document, config);
        const reparsed = reparseCertModel(model, document, config);
        const current = reparsed?.model ?? whole;
        if (whole.kind === 'inventory' && current.inventory) {
          assert.deepEqual(yamlShape(current.inventory.doc), yamlShape(whole.inventory!.doc));
        }
        text = next;
        model = reparsed ? reparsed.model : whole;
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('an edit inside one entry re-parses only its lines and keeps the entry count', () => {
    const base = generated(12);
    const next = base.replace('owner: team@example.com', 'owner: team2@example.com');
    const previous = buildCertModel({ path: PATH, text: base }, config);
    const reparsed = reparseCertModel(previous, { path: PATH, text: next }, config);
    assert.ok(reparsed?.edit, 're-parsed by entries');
    const line = base.split('\n').findIndex((l) => l.includes('owner: team@example.com'));
    assert.ok(reparsed.edit.fromLine <= line && line < reparsed.edit.oldEndLine);
    assert.ok(reparsed.edit.oldEndLine - reparsed.edit.fromLine <= 8, 'one entry, not the file');
  });

  test('edits found by long random runs: each re-parses (or falls back) to what a whole parse gives', () => {
    const base = 'certificates:\n  - name: a\n    renewal:\n      method: acme\n    # note\n\n  # between\n  - name: b\n    pem: |\n      x\n      y\n';
    const edits: [string, string][] = [
      ['method: acme', 'method:'], // an emptied value ends where the next item's dash starts
      ['name: a\n', 'name: a\n...\n'], // `...` ends the document: the rest is another one
      ['  - name: a', '\n - name: a'], // the dash no longer starts the chunk's first line
      ['      y\n', '  #   y\n'], // a comment ends the last item's block scalar: the root ends after it
    ];
    for (const [from, to] of edits) {
      assert.ok(base.includes(from), from);
      check(base, base.replace(from, to));
    }
    const followed = base + 'tail: 1\n';
    check(followed, followed.replace('tail: 1', ': 1'));
  });

  test('aliases, a second document and edits above the list fall back to a whole parse', () => {
    const withAlias = 'x: &a {owner: t@example.com}\ncertificates:\n  - name: a\n    <<: *a\n  - name: b\n';
    const previous = buildCertModel({ path: PATH, text: withAlias }, config);
    assert.equal(reparseCertModel(previous, { path: PATH, text: withAlias.replace('name: b', 'name: c') }, config), undefined);
    const base = generated(3);
    const prev2 = buildCertModel({ path: PATH, text: base }, config);
    assert.equal(reparseCertModel(prev2, { path: PATH, text: base.replace('warnDays: 30', 'warnDays: 31') }, config), undefined);
  });
});

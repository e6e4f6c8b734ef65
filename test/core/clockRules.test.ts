/**
 * The server checks each version of a document at the current minute: most edits at the "now" of
 * the version before, one a minute at a later one. After an edit at a later "now" the rules that
 * read the clock (`clock: true`) run again on every entry; the others keep their findings of the
 * entries the edit did not touch, as at the same "now". Whatever is kept, the findings are those
 * of a whole lint at the new "now".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core/config';
import type { CertModel } from '../../server/src/core/inventory/model';
import { analyze, lint, lintAnalysisReusing } from '../../server/src/core/lint';
import type { RuleContext } from '../../server/src/core/rule';
import { certRules } from '../../server/src/core/rules/cert';
import { NOW } from '../helpers/inventory';
import { applyEdit } from '../helpers/edits';

const PATH = '/repo/cert-inventory.yaml';
const config = defaultConfig();
const MINUTE = 60_000;

/** Entries whose dates lie around NOW (to the minute, some): expired, expiring, renewal due, not yet valid; a bad e-mail now and then. */
function inventory(entries: number): string {
  const out = ['defaults:', '  owner: platform-team@example.com', '', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    out.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`);
    if (i % 7 === 3) out.push('    owner: not-an-address');
    if (i % 4 === 0) out.push(`    issued: 2026-1${i % 2}-2${i % 8}`, '    lifetime: 90d', '    renewal: { method: acme }');
    else if (i % 4 === 1) out.push(`    expires: 2026-11-27T12:0${i % 10}:00Z`);
    else out.push(`    expires: 2026-1${1 + (i % 2)}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`);
  }
  return out.join('\n') + '\n';
}

function drain(steps: void | Generator<void, void, void>): void {
  if (steps) for (const _ of steps);
}

describe('rules and the clock', () => {
  test('every entry rule that reads "now" says so (clock), and only those', () => {
    const text = inventory(40);
    const model = analyze({ path: PATH, text }, config).parsed[0].model as CertModel;
    for (const rule of certRules.filter((r) => r.scope === 'entry')) {
      let read = false;
      const context: RuleContext = {
        config,
        document: { path: PATH, text },
        get now() {
          read = true;
          return NOW;
        },
      };
      drain(rule.check(model, () => undefined, context));
      assert.equal(read, rule.clock === true, `${rule.id}: reads now ${read}, clock ${rule.clock}`);
    }
  });

  test('an edit checked a minute later keeps the other rules\' findings of untouched entries and runs the clock rules again', () => {
    const text = inventory(40);
    const first = analyze({ path: PATH, text }, config);
    const before = lintAnalysisReusing(first, { now: NOW }).ruleFindings;
    // svc-20's host, far from svc-3's and svc-10's bad e-mails; the same number of lines.
    const at = text.indexOf('svc-20.example.com');
    const edited = applyEdit(text, at, 6, 'api-20');
    const later = new Date(NOW.getTime() + MINUTE);
    const second = analyze({ path: PATH, text: edited }, config, {}, first);
    assert.ok(second.edit, 'the edit was re-parsed by entries');
    const after = lintAnalysisReusing(second, { now: later }, before);
    assert.deepEqual(after.findings, lint({ path: PATH, text: edited }, config, { now: later }));

    const invalid = before.byRule.get('cert/invalid-value') ?? [];
    assert.ok(invalid.length >= 5, 'bad e-mails found');
    const kept = after.ruleFindings.byRule.get('cert/invalid-value') ?? [];
    assert.ok(invalid.every((f) => kept.includes(f)), 'cert/invalid-value: the findings of untouched entries kept');
    const expired = before.byRule.get('cert/expired') ?? [];
    assert.ok(expired.length >= 5, 'expired entries found');
    const again = after.ruleFindings.byRule.get('cert/expired') ?? [];
    assert.ok(expired.every((f) => !again.includes(f)), 'cert/expired: found again at the new now');
  });

  test('edits checked at later minutes (some crossing an expiry) give the findings of a whole lint', () => {
    const base = inventory(24);
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', 'x', '2', '\n', 'api', '  - name: n\n    hosts: [n.example.com]\n'), fc.nat({ max: 12 }));
    let reused = 0;
    fc.assert(
      fc.property(edit, edit, (...edits) => {
        let text = base;
        let now = NOW.getTime() - 3 * MINUTE;
        let analysis = analyze({ path: PATH, text }, config);
        let ruleFindings = lintAnalysisReusing(analysis, { now: new Date(now) }).ruleFindings;
        for (const [at, remove, insert, minutes] of edits) {
          text = applyEdit(text, at % (text.length + 1), remove, insert);
          now += minutes * MINUTE;
          const document = { path: PATH, text };
          analysis = analyze(document, config, {}, analysis);
          if (analysis.edit) reused++;
          const result = lintAnalysisReusing(analysis, { now: new Date(now) }, ruleFindings);
          assert.deepEqual(result.findings, lint(document, config, { now: new Date(now) }), JSON.stringify({ text, now }));
          ruleFindings = result.ruleFindings;
        }
      }),
      { numRuns: 150, seed: 7 },
    );
    assert.ok(reused > 30, `only ${reused} of 300 edits were re-parsed by entries`);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyReplacements } from '../../../server/src/core/fix/changes';
import { autoFixOf, fixAll } from '../../../server/src/core/fix/fixAll';
import { planPass } from '../../../server/src/core/fix/select';
import { lint } from '../../../server/src/core/lint';
import type { Finding, Fix } from '../../../server/src/core/types';
import { config, NOW } from '../../helpers/lint';

const SEED = readFileSync('test/fixtures/postmortems/3scale-cert-expiry-postmortem.md', 'utf8');
const options = { now: NOW, kind: 'postmortem' as const };

const at = (line: number, character: number) => ({ line, character });
function finding(rule: string, fixes: Fix[]): Finding {
  return { rule, severity: 'warning', message: 'm', range: { start: at(0, 0), end: at(0, 1) }, fixes };
}
const fix = (title: string, start: number, end: number, newText: string, extra: Partial<Fix> = {}): Fix => ({
  title,
  edits: [{ range: { start: at(0, start), end: at(0, end) }, newText }],
  preferred: true,
  safe: true,
  ...extra,
});

describe('which fix is applied unattended', () => {
  it('only the one fix that is safe and preferred', () => {
    assert.equal(autoFixOf(finding('r', [fix('a', 0, 1, 'x', { safe: false })])), undefined);
    assert.equal(autoFixOf(finding('r', [fix('a', 0, 1, 'x', { preferred: false })])), undefined);
    assert.equal(autoFixOf(finding('r', [fix('a', 0, 1, 'x'), fix('b', 0, 1, 'y')])), undefined, 'two readings: the author chooses');
    assert.equal(autoFixOf(finding('r', [fix('a', 0, 1, 'x'), fix('b', 0, 1, 'y', { safe: false })]))?.title, 'a');
  });

  it('never "16:04pm" in the seed, which has two readings', () => {
    const invalid = lint({ text: SEED }, config(), options).filter((f) => f.rule === 'pm/invalid-time');
    assert.ok(invalid.some((f) => (f.fixes?.length ?? 0) === 2));
    for (const f of invalid) assert.equal(autoFixOf(f), undefined);
    assert.match(fixAll({ text: SEED }, config(), options).text, /16:04pm/);
  });

  it('of overlapping fixes, the first only; one fix shared by findings once', () => {
    const shared = fix('shared', 8, 9, '');
    const plan = planPass('0123456789', [
      finding('r', [fix('a', 2, 5, 'A')]),
      finding('r', [fix('b', 4, 6, 'B')]), // overlaps a
      finding('r', [fix('c', 5, 5, 'C')]), // inserts where a ends
      finding('r', [fix('d', 6, 6, 'D')]),
      finding('r', [shared]),
      finding('r', [shared]),
    ]);
    assert.deepEqual(plan.applied.map((a) => a.title), ['a', 'd', 'shared']);
    assert.equal(plan.deferred, 2);
    assert.equal(applyReplacements('0123456789', plan.edits), '01A5D679');
  });

  it('one fix on a thousand findings (a table of empty rows) has its edits read once, not once per finding', () => {
    const text = 'x'.repeat(2000);
    let reads = 0;
    const edits = Array.from({ length: 1000 }, (_, i) => ({ range: { start: at(0, 2 * i), end: at(0, 2 * i + 1) }, newText: '' }));
    const counted = Object.assign(edits, {
      map<U>(callback: (value: (typeof edits)[number], index: number, array: typeof edits) => U): U[] {
        reads++;
        return Array.prototype.map.call(edits, callback as never) as U[];
      },
    });
    const shared: Fix = { title: 'Delete the empty rows', edits: counted, preferred: true, safe: true };
    const plan = planPass(text, Array.from({ length: 1000 }, () => finding('pm/empty-row', [shared])));
    assert.equal(reads, 1);
    assert.deepEqual(plan.applied, [{ rule: 'pm/empty-row', title: 'Delete the empty rows' }]);
    assert.equal(applyReplacements(text, plan.edits), 'x'.repeat(1000));
  });

  it('only the rules asked for', () => {
    const plan = planPass('0123', [finding('pm/a', [fix('a', 0, 1, 'A')]), finding('pm/b', [fix('b', 2, 3, 'B')])], new Set(['pm/b']));
    assert.deepEqual(plan.applied, [{ rule: 'pm/b', title: 'b' }]);
  });
});

describe('fixAll', () => {
  it('on the seed: the empty rows go, nothing else changes, and a second run finds nothing to do', () => {
    const first = fixAll({ text: SEED }, config(), options);
    assert.deepEqual(first.applied.map((a) => a.rule), ['pm/empty-row']);
    assert.equal(first.stopped, undefined);
    assert.equal(applyReplacements(SEED, first.changes), first.text);
    assert.ok(!first.findings.some((f) => f.rule === 'pm/empty-row'));
    for (const f of first.findings) assert.equal(autoFixOf(f), undefined, `${f.rule} still has a safe fix`);
    const second = fixAll({ text: first.text }, config(), options);
    assert.deepEqual(second.changes, []);
    assert.equal(second.text, first.text);
    assert.equal(second.passes, 0);
  });

  it('repeats while a fix uncovers another, the passes merged into one set of changes', () => {
    // Pass 1 renames `expries`; only then does pass 2 see the entry's expiry disagree with its PEM.
    const text = 'certificates:\n  - name: payments\n    hosts: [payments.example.com]\n    expries: 2027-06-01\n    pemFile: certs/payments.pem\n';
    const document = { path: 'examples/inventory/fixed.yaml', root: 'examples/inventory', text };
    const result = fixAll(document, config(), { now: NOW });
    assert.deepEqual(result.applied.map((a) => a.rule), ['cert/unknown-key', 'cert/pem-mismatch']);
    assert.equal(result.passes, 2);
    // The PEM's notAfter is 2027-03-01T00:00:00Z; the typed value was a date, so the fix writes a date.
    assert.equal(result.text, text.replace('expries: 2027-06-01', 'expires: 2027-03-01'));
    assert.equal(applyReplacements(text, result.changes), result.text);
    assert.deepEqual(fixAll({ ...document, text: result.text }, config(), { now: NOW }).changes, []);
  });

  it('stops at the bound of passes', () => {
    const text = '# Post-mortem\n\n## Overview\n\nText.\n\n## Timline\n';
    const values = { requiredSections: ['Overview', 'Timeline'] };
    assert.equal(fixAll({ text }, config(values), options).text, text.replace('Timline', 'Timeline'));
    const bounded = fixAll({ text }, config(values), options, { maxPasses: 0 });
    assert.equal(bounded.stopped, 'passes');
    assert.equal(bounded.text, text);
  });

  it('keeps CRLF line breaks', () => {
    const text = '# Post-mortem\r\n\r\n## Timline\r\n\r\n| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n|  |  |\r\n\r\nEnd.\r\n';
    const result = fixAll({ text }, config({ requiredSections: ['Post-mortem', 'Timeline'] }), options);
    assert.equal(result.text, '# Post-mortem\r\n\r\n## Timeline\r\n\r\n| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n\r\nEnd.\r\n');
  });

  it('renames an unknown key only when no duplicate key can follow', () => {
    const inventory = (keys: string) => `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n${keys}`;
    const inv = (text: string) => fixAll({ path: 'cert-inventory.yaml', text }, config(), { now: NOW });
    assert.equal(inv(inventory('    notfy: [a@example.com]\n')).text, inventory('    notify: [a@example.com]\n'));
    const both = inventory('    notfy: [a@example.com]\n    notify: [b@example.com]\n');
    assert.equal(inv(both).text, both, 'notify is there already');
    const two = inventory('    notfy: [a@example.com]\n    notiy: [b@example.com]\n');
    assert.equal(inv(two).text, two, 'both would become notify');
  });
});

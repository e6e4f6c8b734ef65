/**
 * Aliases are followed through one map per Document (inventory/yaml.ts deref): yaml's own
 * `Alias.resolve` walks the whole document at every call, which made an inventory of thousands of
 * entries written with aliases, or with `*.example.com` unquoted (an alias to no anchor), take
 * minutes. The map must say what yaml says, for every alias.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Alias, isAlias, parseDocument, visit, type Node } from 'yaml';
import { deref } from '../../../server/src/core/inventory/yaml';
import { byRule, lintYaml } from '../../helpers/inventory';

/** Every alias of `text`'s document, with what deref and yaml's own resolve give for it. */
function targets(text: string): { ours: Node | null; yamls: Node | null }[] {
  const doc = parseDocument(text);
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  return aliases.map((alias) => ({ ours: deref(doc, alias), yamls: (alias.resolve(doc) as Node | undefined) ?? null }));
}

describe('aliases', () => {
  test('deref finds what yaml finds: the last anchor of that name before the alias, also when redefined, nested or missing', () => {
    const text = `defaults:
  owner: &owner a@example.com
certificates:
  - name: one
    owner: *owner
    notify: &list [x@example.com, *owner]
  - name: two
    owner: &owner b@example.com
    notify: *list
    hosts: [*.svc.example.com, *missing]
  - &entry
    name: three
    self: *entry
`;
    const found = targets(text);
    assert.equal(found.length, 6);
    for (const { ours, yamls } of found) assert.equal(ours, yamls);
    assert.ok(found.some((t) => t.ours === null), 'an alias to no anchor');
  });

  test('on random documents of anchors and aliases, deref and yaml agree on every alias', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    const value = fc.oneof(
      name.map((n) => `&${n} v`),
      name.map((n) => `*${n}`),
      fc.constant('plain'),
      name.map((n) => `&${n} [x, *a]`),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 12 }), (values) => {
        const text = `certificates:\n${values.map((v, i) => `  - name: e${i}\n    owner: ${v}\n`).join('')}`;
        for (const { ours, yamls } of targets(text)) assert.equal(ours, yamls, text);
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  test('a lint of 500 entries read through aliases never asks yaml to resolve one (a walk of the whole document each)', () => {
    const entries = Array.from({ length: 500 }, (_, i) => `  - name: svc-${i}\n    hosts: [*.svc${i}.example.com]\n    owner: *owner\n    expires: 2027-06-01\n`);
    const text = `defaults:\n  notify: [&owner team@example.com]\ncertificates:\n${entries.join('')}`;
    const original = Alias.prototype.resolve;
    let calls = 0;
    Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias['resolve']>) {
      calls++;
      return original.apply(this, args);
    };
    let findings;
    try {
      findings = lintYaml(text);
    } finally {
      Alias.prototype.resolve = original;
    }
    assert.equal(calls, 0);
    // Read through the aliases: the owner is the team address, and the unquoted hosts are reported.
    assert.equal(byRule(findings, 'cert/personal-email').length, 0);
    assert.ok(findings.length >= 500, `${findings.length} findings`);
    assert.ok(isAlias(parseDocument('a: *x').get('a', true)));
  });
});

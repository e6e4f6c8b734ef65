/**
 * A grouped problem says once the advice every listed finding closes with, and lists the findings
 * without it (server/src/lsp/diagnostics.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sharedAdvice } from '../../server/src/lsp/diagnostics';

const expired = (name: string, days: number) => `Certificate "${name}" expired on 2026-01-15 (${days} days ago). Renew it, or update \`expires\` if it was renewed.`;

describe('sharedAdvice', () => {
  test('the closing sentences every message shares, from a sentence start', () => {
    assert.equal(sharedAdvice([expired('a', 3), expired('b', 12), expired('c', 2)]), 'Renew it, or update `expires` if it was renewed.');
    const personal = (who: string) => `Entry ${who}: personal owner. \`${who}@gmail.com\` looks personal: gmail.com is a free-mail provider, where mailboxes belong to people. Certificate notices sent to one person are lost when that person is away or leaves; use a team address or alias.`;
    assert.equal(sharedAdvice([personal('jane'), personal('joe')]), 'Certificate notices sent to one person are lost when that person is away or leaves; use a team address or alias.');
  });

  test('none when the messages end differently, share too little, or are one', () => {
    assert.equal(sharedAdvice([expired('a', 3), 'Certificate "b" expired on 2026-01-15 (4 days ago). Replace it.']), undefined);
    assert.equal(sharedAdvice(['First thing. Fix it now.', 'Second thing. Fix it now.']), undefined, 'under 20 characters');
    assert.equal(sharedAdvice([expired('a', 3)]), undefined);
    assert.equal(sharedAdvice([]), undefined);
  });

  test('"e.g. team@" is no sentence start; a message is never left empty', () => {
    const tail = 'use a shared mailbox, e.g. team@example.com or an alias for the whole team.';
    assert.equal(sharedAdvice([`Entry a: ${tail}`, `Entry b: ${tail}`]), undefined);
    const same = 'The name is used twice. Names must be unique within one inventory file.';
    assert.equal(sharedAdvice([same, same]), 'Names must be unique within one inventory file.');
    assert.equal(sharedAdvice(['Names must be unique within one inventory file.', 'x. Names must be unique within one inventory file.']), undefined);
  });

  test('whatever the messages, each is its own sentence then the advice', () => {
    const sentence = fc.stringMatching(/^[A-Z][a-z ,`"]{0,30}[a-z]\.$/);
    fc.assert(
      fc.property(fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 6 }), fc.array(sentence, { maxLength: 3 }), (owns, shared) => {
        const messages = owns.map((own) => [...own, ...shared].join(' '));
        const advice = sharedAdvice(messages);
        if (advice === undefined) return;
        assert.ok(advice.length >= 20);
        for (const m of messages) {
          assert.ok(m.endsWith(` ${advice}`), `${JSON.stringify(m)} ends with the advice`);
          assert.ok(m.length > advice.length + 2);
        }
      }),
      { numRuns: 300 },
    );
  });
});

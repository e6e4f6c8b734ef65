/**
 * The default ticket-key pattern runs as a JavaScript RegExp in pm/action-item-ticket (re2js needs
 * its slowest engine for the look-behind): both must find a key in exactly the same texts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TICKET_KEY_PATTERN, TICKET_KEY_REGEX } from '../../../server/src/core/config';
import { compileUserPattern } from '../../../server/src/core/userPatterns';

const re2 = compileUserPattern(TICKET_KEY_PATTERN, { multiline: true });

/** Text made of what keys and near misses are made of. */
const PARTS = ['OPS', 'SEV', 'CVE', 'UTF', 'P', 'XSEV', 'RHCLOUD', 'A', 'a', 'Ä', '_', '-', '1', '8613', '-1', '-12a', ' ', '\n', '(', '#', '.', 'ABCDEFGHIJK', '\u00a0', 'é', '0'];

describe('the default ticket-key pattern', () => {
  test('RegExp and re2js agree', () => {
    assert.ok(!('reason' in re2), 'the pattern compiles in re2js');
    if ('reason' in re2) return;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        assert.equal(TICKET_KEY_REGEX.test(text), re2.test(text), JSON.stringify(text));
      }),
      { numRuns: 5000, seed: 5 },
    );
    for (const text of ['RHCLOUD-8613', 'SEV-1', 'CVE-2021-44228', 'XSEV-1', 'fix (OPS-12)', 'utf-8', 'UTF-8', 'P-1', 'PA-1', 'A-1x']) {
      assert.equal(TICKET_KEY_REGEX.test(text), re2.test(text), text);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expiresDisagrees, parseExpiry } from '../../../server/src/core/inventory/dates';

/** The instant an `expires` value stands for. */
function expires(text: string): Date {
  const parsed = parseExpiry(text);
  assert.ok(!('error' in parsed), text);
  return parsed.date;
}

describe('expires against a notAfter (cert/pem-mismatch, cert/live-mismatch)', () => {
  it('agrees with a date-only expires on the day the certificate ends, whatever its hour', () => {
    assert.equal(expiresDisagrees(expires('2026-12-20'), new Date('2026-12-20T23:59:59Z')), false);
    assert.equal(expiresDisagrees(expires('2026-12-20'), new Date('2026-12-19T12:00:00Z')), false);
  });
  it('agrees across a zone: the same instant written with an offset', () => {
    assert.equal(expiresDisagrees(expires('2026-12-20T20:00:00-05:00'), new Date('2026-12-21T01:00:00Z')), false);
  });
  it('agrees up to exactly one day apart, and disagrees past it, either way round', () => {
    const at = expires('2026-12-20T12:00:00Z');
    assert.equal(expiresDisagrees(at, new Date('2026-12-21T12:00:00Z')), false);
    assert.equal(expiresDisagrees(at, new Date('2026-12-21T12:00:00.001Z')), true);
    assert.equal(expiresDisagrees(at, new Date('2026-12-19T11:59:59.999Z')), true);
  });
  it('disagrees with a renewed certificate months later', () => {
    assert.equal(expiresDisagrees(expires('2026-01-10'), new Date('2026-04-10T00:00:00Z')), true);
  });
});

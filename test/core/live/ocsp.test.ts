/**
 * OCSP stapling and must-staple: `openssl s_server -status_file` staples responses `openssl ocsp`
 * made here from a throw-away CA and index file (good, revoked); a must-staple leaf is served
 * without one. The staple reader is also fed damaged responses directly.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isProbeFailure, judgeCertificate, probeCertificate, type ProbeResult } from '../../../server/src/core/live';
import { stapledStatus } from '../../../server/src/core/live/ocsp';
import { summarizeProbe } from '../../../server/src/core/live/summary';
import { isMustStaple } from '../../../server/src/core/x509/tlsFeature';
import { OpensslWorkspace, type SServer } from '../../helpers/openssl';

const TIMEOUT_MS = 10_000;
/** Taken once the certificates exist: openssl dates them from the second they are made. */
let NOW: Date;

const work = new OpensslWorkspace();
before(() => {
  work.ca('ca', 'OCSP Test CA');
  work.leaf('leaf', 'ca');
  work.leaf('staple-leaf', 'ca', { mustStaple: true });
  work.ocspResponse('good.der', 'leaf', 'ca', 'good');
  work.ocspResponse('revoked.der', 'leaf', 'ca', 'revoked');
  work.ocspResponse('staple-good.der', 'staple-leaf', 'ca', 'good');
  work.ca('other-ca', 'Other CA');
  work.leaf('other-leaf', 'other-ca');
  NOW = new Date();
});
after(() => work.cleanup());

async function probe(server: SServer): Promise<ProbeResult> {
  const outcome = await probeCertificate({ host: server.host, port: server.port, timeoutMs: TIMEOUT_MS, extraCaPems: [work.read('ca.pem')], now: NOW });
  if (isProbeFailure(outcome)) assert.fail(`expected a handshake, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome;
}

const problemKinds = (r: ProbeResult) => judgeCertificate(r, { warnDays: 7, now: NOW }).map((p) => p.kind);

describe('stapled OCSP responses (s_server -status_file)', () => {
  for (const tls of ['-tls1_2', '-tls1_3']) {
    it(`good: the status is reported and is no problem (${tls})`, async () => {
      const r = await probe(await work.server(['-cert', 'leaf.pem', '-key', 'leaf.key', '-status_file', 'good.der', tls]));
      assert.equal(r.ocspStatus, 'good', r.ocspDetail);
      assert.equal(r.ocspDetail, undefined, 'signed by the issuer, for this certificate, current');
      assert.equal(r.mustStaple, false);
      assert.deepEqual(problemKinds(r), []);
      assert.ok(summarizeProbe(r).includes('  OCSP         good'));
    });

    it(`revoked: the status, time and reason, and a problem (${tls})`, async () => {
      const r = await probe(await work.server(['-cert', 'leaf.pem', '-key', 'leaf.key', '-status_file', 'revoked.der', tls]));
      assert.equal(r.ocspStatus, 'revoked');
      assert.match(r.ocspDetail ?? '', /^revoked \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, reason keyCompromise$/);
      assert.deepEqual(problemKinds(r), ['revoked']);
      assert.match(summarizeProbe(r, judgeCertificate(r, { warnDays: 7, now: NOW })).at(-1)!, /^PROBLEM: revoked, says the OCSP response the server staples/);
    });
  }

  it('none: a server that staples nothing', async () => {
    const r = await probe(await work.server(['-cert', 'leaf.pem', '-key', 'leaf.key']));
    assert.equal(r.ocspStatus, 'none');
    assert.equal(r.mustStaple, false);
    assert.deepEqual(problemKinds(r), []);
  });

  it('a staple for another certificate counts as unknown, and says so', async () => {
    const r = await probe(await work.server(['-cert', 'other-leaf.pem', '-key', 'other-leaf.key', '-status_file', 'good.der']));
    assert.equal(r.ocspStatus, 'unknown');
    assert.match(r.ocspDetail ?? '', /not for this certificate/);
  });
});

describe('must-staple (TLS feature extension)', () => {
  it('served without a staple: mustStaple, status none, and a problem in the verdict and the text', async () => {
    const r = await probe(await work.server(['-cert', 'staple-leaf.pem', '-key', 'staple-leaf.key']));
    assert.equal(r.mustStaple, true);
    assert.equal(r.ocspStatus, 'none');
    assert.deepEqual(problemKinds(r), ['no-staple']);
    const lines = summarizeProbe(r, judgeCertificate(r, { warnDays: 7, now: NOW }));
    assert.ok(lines.includes('  OCSP         none stapled; the certificate is must-staple'), lines.join('\n'));
    assert.match(lines.at(-1)!, /^PROBLEM: the certificate demands OCSP stapling \(must-staple\), and the server staples no OCSP response\.$/);
  });

  it('served with a good staple: no problem', async () => {
    const r = await probe(await work.server(['-cert', 'staple-leaf.pem', '-key', 'staple-leaf.key', '-status_file', 'staple-good.der']));
    assert.equal(r.mustStaple, true);
    assert.equal(r.ocspStatus, 'good', r.ocspDetail);
    assert.deepEqual(problemKinds(r), []);
  });

  it('is read from the extension, which openssl shows too', () => {
    const text = (name: string) => new X509Certificate(work.read(`${name}.pem`));
    assert.equal(isMustStaple(text('staple-leaf')), true);
    assert.equal(isMustStaple(text('leaf')), false);
    assert.equal(isMustStaple(text('ca')), false);
  });
});

describe('the staple reader, on responses it must not believe', () => {
  const chain = () => [new X509Certificate(work.read('leaf.pem')), new X509Certificate(work.read('ca.pem'))];
  const good = () => readFileSync(work.path('good.der'));

  it('none for no response; good for the real one', () => {
    assert.deepEqual(stapledStatus(null, chain(), NOW), { ocspStatus: 'none' });
    assert.deepEqual(stapledStatus(Buffer.alloc(0), chain(), NOW), { ocspStatus: 'none' });
    assert.deepEqual(stapledStatus(good(), chain(), NOW), { ocspStatus: 'good' });
  });

  it('unknown, with the reason, when it is truncated, garbage, out of date, unsuccessful or tampered with', () => {
    const cases: [Buffer, Date, RegExp][] = [
      [good().subarray(0, 200), NOW, /cannot be read/],
      [Buffer.from('not DER at all'), NOW, /cannot be read/],
      [good(), new Date(NOW.getTime() + 8 * 86_400_000), /out of date \(next update was due /],
      [good(), new Date(NOW.getTime() - 86_400_000), /dated in the future/],
      // OCSPResponse { responseStatus tryLater }
      [Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x03]), NOW, /the responder answered "tryLater"/],
      [Buffer.alloc(70_000, 0x30), NOW, /too large to read/],
    ];
    const tampered = good();
    // producedAt (the first GeneralizedTime: tag 0x18, 15 bytes) is signed data: change a digit of its seconds.
    const producedAt = tampered.indexOf(Buffer.from([0x18, 0x0f]));
    assert.ok(producedAt > 0);
    tampered[producedAt + 2 + 13] ^= 1;
    cases.push([tampered, NOW, /not signed by the certificate's issuer/]);
    for (const [response, now, reason] of cases) {
      const facts = stapledStatus(response, chain(), now);
      assert.equal(facts.ocspStatus, 'unknown', `${reason}: ${JSON.stringify(facts)}`);
      assert.match(facts.ocspDetail ?? '', reason);
    }
  });

  it('reports the status of a staple it cannot check against an issuer, and says it did not check', () => {
    const facts = stapledStatus(readFileSync(work.path('revoked.der')), chain().slice(0, 1), NOW);
    assert.equal(facts.ocspStatus, 'revoked');
    assert.match(facts.ocspDetail ?? '', /keyCompromise; signature not checked: the issuer is not in the chain$/);
  });
});

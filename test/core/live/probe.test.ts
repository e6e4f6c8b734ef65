/** Real TLS handshakes against servers on 127.0.0.1 and ::1, with certificates made here. */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  ProbeInputError,
  isProbeFailure,
  parseHostPort,
  probeCertificate,
  type ProbeErrorCode,
  type ProbeOptions,
  type ProbeResult,
} from '../../../server/src/core/live';
import {
  addDays,
  closedPort,
  createCertificate,
  ipv6Available,
  startHttpServer,
  startRawServer,
  startResetServer,
  startSilentServer,
  startTlsServer,
  wholeSecondNow,
  type LoopbackHost,
  type TestCertificate,
  type TestServer,
  type TestTlsServer,
} from '../../helpers/tls';

/**
 * The timeout of probes that fail: long enough that a loaded machine still sees a refusal, a reset
 * or a non-TLS answer as such before it, short enough to keep the timeout cases quick.
 */
const FAILURE_TIMEOUT_MS = 1_000;
/** How long a state that follows at once (a connection closed) may take on a loaded machine; bounds failures only. */
const SETTLE_MS = 10_000;

const NOW = wholeSecondNow();
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

// Certificates are made once for the file: key generation dominates the suite's time.
const testCa = createCertificate({ commonName: 'Incident Docs Test CA', isCa: true, notAfter: addDays(NOW, 3650) });
const leafSpec = { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'], issuer: testCa };
const good = createCertificate({ ...leafSpec, notBefore: addDays(NOW, -1), notAfter: addDays(NOW, 90) });
const expired = createCertificate({ ...leafSpec, notBefore: addDays(NOW, -100), notAfter: addDays(NOW, -10) });
const notYetValid = createCertificate({ ...leafSpec, notBefore: addDays(NOW, 10), notAfter: addDays(NOW, 100) });
const selfSigned = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
const otherHost = createCertificate({ commonName: 'other.example', dnsNames: ['other.example'], issuer: testCa, keyName: 'other' });
const chainRoot = createCertificate({ commonName: 'Chain Root CA', isCa: true, notAfter: addDays(NOW, 3650) });
const intermediate = createCertificate({
  commonName: 'Chain Intermediate CA',
  isCa: true,
  issuer: chainRoot,
  notAfter: addDays(NOW, 60),
});
const chainLeaf = createCertificate({ ...leafSpec, issuer: intermediate, notAfter: addDays(NOW, 90), keyName: 'chain-leaf' });

const servers: TestServer[] = [];
async function tlsServer(chain: TestCertificate[], host: LoopbackHost = '127.0.0.1', more = {}): Promise<TestTlsServer> {
  const server = await startTlsServer({ chain, host, ...more });
  servers.push(server);
  return server;
}
async function keep<T extends TestServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Probes, expects a handshake, and checks the probe hung up (the server sees every connection close). */
async function handshake(server: TestServer, options: Partial<ProbeOptions> = {}): Promise<ProbeResult> {
  const outcome = await probeCertificate({ host: server.host, port: server.port, now: NOW, ...options });
  if (isProbeFailure(outcome)) assert.fail(`expected a handshake, got ${outcome.error.code}: ${outcome.error.message}`);
  await withinMs(server.allClosed(), SETTLE_MS, 'the probe left its connection open');
  return outcome;
}

/** Probes, expects the given failure, and checks it ended within the timeout plus the margin. */
async function failsWith(code: ProbeErrorCode, options: ProbeOptions): Promise<{ message: string; elapsed: number }> {
  const timeoutMs = options.timeoutMs ?? FAILURE_TIMEOUT_MS;
  const started = performance.now();
  const outcome = await probeCertificate({ now: NOW, timeoutMs, ...options });
  const elapsed = performance.now() - started;
  assert.ok(isProbeFailure(outcome), `expected ${code}, got a handshake`);
  assert.equal(outcome.error.code, code, outcome.error.message);
  assert.ok(outcome.error.message.length > 20, 'a message a person understands');
  // Timers and teardown may add a little; a second timeout (connect, then handshake) may not.
  assert.ok(elapsed < 2 * timeoutMs, `ended after ${Math.round(elapsed)} ms, timeout ${timeoutMs} ms`);
  assert.deepEqual(Object.keys(outcome), ['error']);
  return { message: outcome.error.message, elapsed };
}

function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} (${ms} ms)`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const fingerprint = (c: TestCertificate) => new X509Certificate(c.certPem).fingerprint256;

describe('handshakes', () => {
  it('reports a CA-signed leaf on 127.0.0.1, trusted with the CA as an extra CA', async () => {
    const server = await tlsServer([good]);
    const r = await handshake(server, { extraCaPems: [testCa.certPem] });
    assert.deepEqual(Object.keys(r), [
      'host', 'port', 'servername', 'address', 'protocol', 'subject', 'issuer', 'sans', 'serialNumber', 'notBefore',
      'notAfter', 'daysLeft', 'fingerprintSha256', 'chain', 'earliestChainExpiry', 'trusted', 'trustError',
      'trustedBySystemStore', 'hostnameMatches', 'ocspStatus', 'mustStaple', 'elapsedMs',
    ]);
    assert.equal(r.host, '127.0.0.1');
    assert.equal(r.port, server.port);
    assert.equal(r.servername, null);
    assert.equal(r.address, '127.0.0.1');
    assert.equal(r.protocol, 'TLSv1.3');
    assert.equal(r.subject, 'CN=localhost');
    assert.equal(r.issuer, 'CN=Incident Docs Test CA');
    assert.deepEqual(r.sans, ['localhost', '127.0.0.1', '::1']);
    assert.equal(r.serialNumber, good.serialNumber);
    assert.equal(r.notBefore, iso(good.notBefore));
    assert.equal(r.notAfter, iso(good.notAfter));
    assert.equal(r.daysLeft, 90);
    assert.equal(r.fingerprintSha256, fingerprint(good));
    assert.deepEqual(r.chain, [
      { subject: 'CN=localhost', issuer: 'CN=Incident Docs Test CA', notAfter: iso(good.notAfter), keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' },
      { subject: 'CN=Incident Docs Test CA', issuer: 'CN=Incident Docs Test CA', notAfter: iso(testCa.notAfter), keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' },
    ]);
    assert.equal(r.earliestChainExpiry, iso(good.notAfter));
    assert.equal(r.trusted, true);
    assert.equal(r.trustError, null);
    assert.equal(r.trustedBySystemStore, false, 'trusted through an extra CA, not a root of the system store');
    assert.equal(r.ocspStatus, 'none', 'the server staples nothing');
    assert.equal(r.mustStaple, false);
    assert.equal(r.hostnameMatches, true);
    assert.ok(Number.isInteger(r.elapsedMs) && r.elapsedMs >= 0 && r.elapsedMs < 5000);
    assert.deepEqual(server.servernames, [], 'no SNI for an IP literal');
  });

  it('reports the same leaf as untrusted without the CA, with the reason', async () => {
    const server = await tlsServer([good]);
    const r = await handshake(server);
    assert.equal(r.trusted, false);
    assert.match(r.trustError ?? '', /\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
    assert.equal(r.hostnameMatches, true);
    assert.equal(r.fingerprintSha256, fingerprint(good));
  });

  it('counts days from the given "now", not the clock', async () => {
    const server = await tlsServer([good]);
    const later = await handshake(server, { extraCaPems: [testCa.certPem], now: addDays(NOW, 100) });
    assert.equal(later.daysLeft, -10);
    const earlier = await handshake(server, { extraCaPems: [testCa.certPem], now: addDays(NOW, -30) });
    assert.equal(earlier.daysLeft, 120);
  });

  it('sends the host name as SNI, or --servername, and checks the certificate against it', async () => {
    const server = await tlsServer([good]);
    const byName = await handshake(server, { host: 'localhost', extraCaPems: [testCa.certPem] });
    assert.equal(byName.servername, 'localhost');
    assert.equal(byName.hostnameMatches, true);
    const byServername = await handshake(server, { servername: 'other.example', extraCaPems: [testCa.certPem] });
    assert.equal(byServername.host, '127.0.0.1');
    assert.equal(byServername.servername, 'other.example');
    assert.equal(byServername.hostnameMatches, false, 'the certificate is for localhost, not other.example');
    assert.deepEqual(server.servernames, ['localhost', 'other.example']);
  });

  it('reports an expired leaf: negative days, untrusted for that reason', async () => {
    const r = await handshake(await tlsServer([expired]), { extraCaPems: [testCa.certPem] });
    assert.equal(r.daysLeft, -10);
    assert.equal(r.notAfter, iso(expired.notAfter));
    assert.equal(r.trusted, false);
    assert.match(r.trustError ?? '', /\(CERT_HAS_EXPIRED\)/);
  });

  it('reports a leaf that is not valid yet', async () => {
    const r = await handshake(await tlsServer([notYetValid]), { extraCaPems: [testCa.certPem] });
    assert.equal(r.notBefore, iso(notYetValid.notBefore));
    assert.equal(r.daysLeft, 100);
    assert.equal(r.trusted, false);
    assert.match(r.trustError ?? '', /\(CERT_NOT_YET_VALID\)/);
  });

  it('reports a self-signed certificate, trusted only when it is given as a CA', async () => {
    const server = await tlsServer([selfSigned]);
    const r = await handshake(server);
    assert.equal(r.subject, r.issuer);
    assert.equal(r.chain.length, 1);
    assert.equal(r.trusted, false);
    assert.match(r.trustError ?? '', /\(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    const pinned = await handshake(server, { extraCaPems: [selfSigned.certPem] });
    assert.equal(pinned.trusted, true);
  });

  it('reports a certificate for another host name as trusted but not matching', async () => {
    const server = await tlsServer([otherHost]);
    const r = await handshake(server, { host: 'localhost', extraCaPems: [testCa.certPem] });
    assert.equal(r.trusted, true);
    assert.equal(r.hostnameMatches, false);
    assert.deepEqual(r.sans, ['other.example']);
    const byIp = await handshake(server, { extraCaPems: [testCa.certPem] });
    assert.equal(byIp.hostnameMatches, false, '127.0.0.1 is not among its names either');
  });

  it('follows a chain of three to the root and finds the earliest expiry in it', async () => {
    const server = await tlsServer([chainLeaf, intermediate]);
    const r = await handshake(server, { extraCaPems: [chainRoot.certPem] });
    assert.equal(r.trusted, true, r.trustError ?? '');
    assert.deepEqual(
      r.chain.map((c) => [c.subject, c.issuer, c.notAfter]),
      [
        ['CN=localhost', 'CN=Chain Intermediate CA', iso(chainLeaf.notAfter)],
        ['CN=Chain Intermediate CA', 'CN=Chain Root CA', iso(intermediate.notAfter)],
        ['CN=Chain Root CA', 'CN=Chain Root CA', iso(chainRoot.notAfter)],
      ],
    );
    assert.equal(r.daysLeft, 90);
    assert.equal(r.earliestChainExpiry, iso(intermediate.notAfter), 'the intermediate expires first');
    const noRoot = await handshake(server);
    assert.equal(noRoot.trusted, false);
    assert.match(noRoot.trustError ?? '', /\((UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)\)/);
  });

  it('says what is missing when a server leaves out its intermediate', async () => {
    const r = await handshake(await tlsServer([chainLeaf]), { extraCaPems: [chainRoot.certPem] });
    assert.equal(r.trusted, false);
    assert.match(r.trustError ?? '', /intermediate/);
  });

  it('sends nothing after the handshake and closes the connection (TLS 1.2, where the server finishes first)', async () => {
    const server = await tlsServer([good], '127.0.0.1', { maxVersion: 'TLSv1.2' });
    const r = await handshake(server, { extraCaPems: [testCa.certPem] });
    assert.equal(r.protocol, 'TLSv1.2');
    assert.equal(server.handshakes, 1);
    assert.equal(server.bytesAfterHandshake, 0);
    assert.equal(server.open, 0);
  });
});

describe('IPv6', async () => {
  const available = await ipv6Available();
  it('reports a leaf served on ::1, given as ::1 or [::1]:port', { skip: !available && 'no IPv6 loopback here' }, async () => {
    const server = await tlsServer([good], '::1');
    const r = await handshake(server, { extraCaPems: [testCa.certPem] });
    assert.equal(r.address, '::1');
    assert.equal(r.servername, null);
    assert.equal(r.trusted, true);
    assert.equal(r.hostnameMatches, true, 'the IPv6 SAN matches');
    const parsed = parseHostPort(`[::1]:${server.port}`);
    const again = await handshake(server, { ...parsed, extraCaPems: [testCa.certPem] });
    assert.equal(again.fingerprintSha256, fingerprint(good));
    assert.deepEqual(server.servernames, []);
  });

  it('classifies failures on ::1', { skip: !available && 'no IPv6 loopback here' }, async () => {
    await failsWith('refused', { host: '::1', port: await closedPort('::1') });
    await failsWith('not-tls', { host: '::1', port: (await keep(startHttpServer('::1'))).port });
    const { elapsed } = await failsWith('timeout', { host: '::1', port: (await keep(startSilentServer('::1'))).port });
    assert.ok(elapsed >= FAILURE_TIMEOUT_MS - 5);
  });
});

describe('failures', () => {
  it('refused: a closed port', async () => {
    const { message } = await failsWith('refused', { host: '127.0.0.1', port: await closedPort() });
    assert.match(message, /refused/);
  });

  it('not-tls: a plain HTTP server', async () => {
    const server = await keep(startHttpServer());
    const { message } = await failsWith('not-tls', { host: '127.0.0.1', port: server.port });
    assert.match(message, /not with TLS/);
  });

  it('not-tls: a server that answers with garbage', async () => {
    const server = await keep(startRawServer(Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'.repeat(8))));
    await failsWith('not-tls', { host: '127.0.0.1', port: server.port });
  });

  it('timeout: a server that accepts and never answers, ended at the timeout', async () => {
    const server = await keep(startSilentServer());
    const { message, elapsed } = await failsWith('timeout', { host: '127.0.0.1', port: server.port });
    assert.ok(elapsed >= FAILURE_TIMEOUT_MS - 5, `gave up early, after ${Math.round(elapsed)} ms`);
    assert.match(message, /accepted the connection but did not complete a TLS handshake/);
    await withinMs(server.allClosed(), SETTLE_MS, 'the timed-out connection was left open');
  });

  it('reset: a server that resets the connection', async () => {
    const server = await keep(startResetServer());
    await failsWith('reset', { host: '127.0.0.1', port: server.port });
  });

  it('reset: a server that closes before the handshake', async () => {
    const server = await keep(startRawServer(Buffer.alloc(0)));
    const { message } = await failsWith('reset', { host: '127.0.0.1', port: server.port });
    assert.match(message, /closed the connection before the TLS handshake/);
  });

  it('reset: a TLS server that aborts with an alert (no TLS version in common)', async () => {
    const server = await tlsServer([good], '127.0.0.1', { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    const { message } = await failsWith('reset', { host: '127.0.0.1', port: server.port });
    assert.match(message, /no TLS version in common/);
  });

  it('reset: a peer that sends a bare TLS alert', async () => {
    const handshakeFailureAlert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
    const server = await keep(startRawServer(handshakeFailureAlert));
    const { message } = await failsWith('reset', { host: '127.0.0.1', port: server.port });
    assert.match(message, /aborted the TLS handshake: .*handshake failure/);
  });

  it('dns: a name that does not resolve', async () => {
    const notFound: LookupFunction = (hostname, _options, callback) =>
      process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4));
    const { message } = await failsWith('dns', { host: 'no-such-host.invalid', port: 443, lookup: notFound });
    assert.match(message, /no-such-host\.invalid/);
  });

  it('timeout: a DNS lookup that never answers counts against the same timeout', async () => {
    const never: LookupFunction = () => {};
    const { message, elapsed } = await failsWith('timeout', { host: 'slow-dns.example', port: 443, lookup: never });
    assert.ok(elapsed >= FAILURE_TIMEOUT_MS - 5);
    assert.match(message, /resolving "slow-dns\.example"/);
  });
});

describe('bad input', () => {
  const cases: Array<[string, Partial<ProbeOptions>, RegExp]> = [
    ['an empty host', { host: '' }, /host name or IP address is required/],
    ['a host with a space', { host: 'a b' }, /not a valid host name/],
    ['port 0', { port: 0 }, /1 to 65535/],
    ['a fractional port', { port: 443.5 }, /1 to 65535/],
    ['a negative timeout', { timeoutMs: -1 }, /positive number of milliseconds/],
    ['a NaN timeout', { timeoutMs: Number.NaN }, /positive number of milliseconds/],
    ['an invalid now', { now: new Date('nope') }, /valid Date/],
    ['CA text that is not PEM', { extraCaPems: ['hello'] }, /no "BEGIN CERTIFICATE" block/],
    [
      'a broken PEM block',
      { extraCaPems: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] },
      /certificate 1 cannot be read/,
    ],
  ];
  for (const [what, options, message] of cases) {
    it(`rejects ${what} before connecting`, async () => {
      const server = await keep(startSilentServer());
      await assert.rejects(
        probeCertificate({ host: '127.0.0.1', port: server.port, ...options } as ProbeOptions),
        (e: unknown) => e instanceof ProbeInputError && message.test(e.message),
      );
      assert.equal(server.accepted, 0);
    });
  }

  it('rejects options that are not an object', async () => {
    await assert.rejects(probeCertificate(undefined as unknown as ProbeOptions), ProbeInputError);
    await assert.rejects(probeCertificate({ host: 42 } as unknown as ProbeOptions), ProbeInputError);
  });
});

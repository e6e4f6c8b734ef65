/**
 * Client certificates against `openssl s_server -Verify 1` on loopback, under TLS 1.2 and 1.3:
 * with the certificate the handshake is reported; without it the failure is
 * client-cert-required, not a generic reset (TLS 1.2 refuses with handshake_failure inside the
 * handshake, TLS 1.3 with certificate_required after the client has finished).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isProbeFailure, probeCertificate, ProbeInputError, type ProbeOptions, type ProbeOutcome } from '../../../server/src/core/live';
import { OpensslWorkspace } from '../../helpers/openssl';

/** Bounds a failure only (loopback answers at once). */
const TIMEOUT_MS = 10_000;

const work = new OpensslWorkspace();
before(() => {
  work.ca('ca', 'Client Test CA');
  work.leaf('server', 'ca');
  work.leaf('client', 'ca', { commonName: 'probe client', clientAuth: true });
  work.ca('other-ca', 'Other CA');
  work.leaf('stranger', 'other-ca', { commonName: 'stranger', clientAuth: true });
});
after(() => work.cleanup());

const serverArgs = (...more: string[]) => ['-cert', 'server.pem', '-key', 'server.key', '-CAfile', 'ca.pem', ...more];
const identity = (name: string) => ({ clientCertPem: work.read(`${name}.pem`), clientKeyPem: work.read(`${name}.key`) });

function probe(target: { host: string; port: number }, options: Partial<ProbeOptions> = {}): Promise<ProbeOutcome> {
  return probeCertificate({ host: target.host, port: target.port, timeoutMs: TIMEOUT_MS, extraCaPems: [work.read('ca.pem')], ...options });
}

function expectResult(outcome: ProbeOutcome, protocol: string): void {
  if (isProbeFailure(outcome)) assert.fail(`expected a handshake, got ${outcome.error.code}: ${outcome.error.message}`);
  assert.equal(outcome.protocol, protocol);
  assert.equal(outcome.subject, 'CN=localhost');
  assert.equal(outcome.trusted, true);
}

function expectRefusal(outcome: ProbeOutcome, alert: RegExp, given: boolean): void {
  assert.ok(isProbeFailure(outcome), `expected a failure, got ${JSON.stringify(outcome)}`);
  assert.equal(outcome.error.code, 'client-cert-required', outcome.error.message);
  assert.match(outcome.error.message, alert);
  assert.match(outcome.error.message, given ? /refused the one given/ : /without one .*--cert and --key, or clientCert and clientKey/);
}

for (const [flag, protocol, noCertAlert] of [
  ['-tls1_2', 'TLSv1.2', /alert: sslv3 alert handshake failure/],
  ['-tls1_3', 'TLSv1.3', /alert: tlsv13 alert certificate required/],
] as const) {
  describe(`a server that requires a client certificate (s_server -Verify 1 ${flag})`, () => {
    it('completes the handshake with --cert/--key and reports the server certificate', async () => {
      const server = await work.server(serverArgs('-Verify', '1', '-verify_return_error', flag));
      expectResult(await probe(server, identity('client')), protocol);
    });

    it('fails with client-cert-required without a certificate, naming the alert the server sent', async () => {
      const server = await work.server(serverArgs('-Verify', '1', '-verify_return_error', flag));
      expectRefusal(await probe(server), noCertAlert, false);
    });

    it('fails with client-cert-required when the server rejects the certificate given (another CA)', async () => {
      const server = await work.server(serverArgs('-Verify', '1', '-verify_return_error', flag));
      expectRefusal(await probe(server, identity('stranger')), /alert: tlsv1 alert unknown ca/, true);
    });
  });
}

describe('servers that do not insist', () => {
  it('a TLS 1.3 server that asks but accepts no certificate (-verify 1) is reported, once it says so with a ticket', async () => {
    const server = await work.server(serverArgs('-verify', '1', '-tls1_3'));
    const started = performance.now();
    expectResult(await probe(server), 'TLSv1.3');
    // Had the probe missed the ticket, only its timeout would have ended the wait.
    assert.ok(performance.now() - started < TIMEOUT_MS, 'the session ticket ended the wait, not the timeout');
  });

  it('a server that asks for nothing is probed with or without a client certificate', async () => {
    const server = await work.server(serverArgs('-tls1_2'));
    expectResult(await probe(server), 'TLSv1.2');
    expectResult(await probe(server, identity('client')), 'TLSv1.2');
  });

  it('a handshake alert from a server that asked for no certificate stays a reset', async () => {
    const server = await work.server(serverArgs('-tls1_2', '-cipher', 'NULL-SHA256:@SECLEVEL=0'));
    const outcome = await probe(server);
    assert.ok(isProbeFailure(outcome), JSON.stringify(outcome));
    assert.equal(outcome.error.code, 'reset', outcome.error.message);
  });
});

describe('client certificate options', () => {
  it('are refused before connecting when one half is missing, the key is not the certificate\'s, or is not a key', async () => {
    const target = { host: '127.0.0.1', port: 9 };
    const client = identity('client');
    await assert.rejects(probe(target, { clientCertPem: client.clientCertPem }), (e: Error) => e instanceof ProbeInputError && /needs its private key/.test(e.message));
    await assert.rejects(
      probe(target, { clientCertPem: client.clientCertPem, clientKeyPem: work.read('stranger.key') }),
      (e: Error) => e instanceof ProbeInputError && /client key is not the key of client certificate/.test(e.message),
    );
    await assert.rejects(
      probe(target, { clientCertPem: client.clientCertPem, clientKeyPem: client.clientCertPem }),
      (e: Error) => e instanceof ProbeInputError && /no private key can be read/.test(e.message),
    );
    await assert.rejects(
      probe(target, { clientCertPem: 'not a certificate', clientKeyPem: client.clientKeyPem }),
      (e: Error) => e instanceof ProbeInputError && /no "BEGIN CERTIFICATE" block/.test(e.message),
    );
  });
});

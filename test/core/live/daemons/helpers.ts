/** What every daemon test checks: the probe reads the certificate openssl s_client reads from the same port. */
import assert from 'node:assert/strict';
import { isProbeFailure, probeCertificate, type ProbeResult } from '../../../../server/src/core/live';
import type { StartTlsProtocol } from '../../../../contract/src/tlsScheme';
import type { Daemon } from '../../../helpers/daemons';
import { sClient } from '../../../helpers/starttls';
import { addDays, createCertificate, wholeSecondNow } from '../../../helpers/tls';

export const NOW = wholeSecondNow();

/** One certificate per daemon test file, with a notAfter of its own to tell them apart. */
export function daemonCertificate(days: number) {
  return createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, days), keyName: 'daemon' });
}

export async function assertLikeOpenssl(daemon: Daemon, listener: string, starttls: StartTlsProtocol | null): Promise<ProbeResult> {
  const port = daemon.ports[listener];
  const reference = await sClient(port, starttls);
  assert.ok(reference.fingerprint, `openssl s_client ${starttls ? `-starttls ${starttls}` : '-connect'} read no certificate from ${daemon.name}:\n${reference.output}\n${daemon.log()}`);
  const outcome = await probeCertificate({ host: '127.0.0.1', port, starttls: starttls ?? undefined, servername: 'localhost', timeoutMs: 20_000, now: NOW });
  assert.ok(!isProbeFailure(outcome), `${daemon.name} ${listener}: ${JSON.stringify(outcome)}\n${daemon.log()}`);
  assert.equal(outcome.fingerprintSha256, reference.fingerprint, 'the fingerprint openssl read');
  assert.equal(outcome.fingerprintSha256, daemon.fingerprint, 'the certificate the test made');
  assert.equal(outcome.starttls, starttls ?? undefined);
  return outcome;
}

/** A daemon configured without TLS: starttls-refused, quoting what it said. */
export async function refusal(daemon: Daemon, listener: string, starttls: StartTlsProtocol): Promise<string> {
  const outcome = await probeCertificate({ host: '127.0.0.1', port: daemon.ports[listener], starttls, timeoutMs: 20_000, now: NOW });
  assert.ok(isProbeFailure(outcome), `${daemon.name} without TLS completed a handshake`);
  assert.equal(outcome.error.code, 'starttls-refused', `${outcome.error.message}\n${daemon.log()}`);
  return outcome.error.message;
}

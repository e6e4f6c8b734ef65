/**
 * Client certificates: the PEMs a probe is given, and a server's demand for one told apart from
 * other refusals. The tell is the CertificateRequest: OpenSSL computes the shared signature
 * algorithms on a client only when the server sent one, so `getSharedSigalgs()` is non-empty
 * exactly then. Under TLS 1.2 the server judges the client's certificate inside the handshake
 * (a refusal is an alert before 'secureConnect'); under TLS 1.3 after the client has finished,
 * so the probe waits for the server's verdict: a session ticket (accepted) or an alert.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { failure } from './errors';
import { splitPemCertificates } from './pemCertificates';
import { ProbeInputError, type ClientIdentity, type ProbeFailure } from './types';

/**
 * Both PEMs, readable and belonging together; undefined when neither is given. Throws
 * ProbeInputError naming what is wrong. `sources` name the two in messages.
 */
export function checkClientIdentity(
  certPem: unknown,
  keyPem: unknown,
  sources: { cert: string; key: string } = { cert: 'client certificate', key: 'client key' },
): ClientIdentity | undefined {
  if (certPem === undefined && keyPem === undefined) return undefined;
  if (certPem === undefined || keyPem === undefined) {
    throw new ProbeInputError(`A client certificate needs its private key: give both the ${sources.cert} and the ${sources.key}.`);
  }
  const [leafPem] = splitPemCertificates(certPem as string, sources.cert);
  if (typeof keyPem !== 'string') throw new ProbeInputError(`${sources.key}: expected PEM text.`);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ERR_MISSING_PASSPHRASE' ? 'it is encrypted, and encrypted keys are not supported' : 'no private key can be read from it';
    throw new ProbeInputError(`${sources.key}: ${why}.`);
  }
  if (!new X509Certificate(leafPem).checkPrivateKey(key)) {
    throw new ProbeInputError(`${sources.key} is not the key of ${sources.cert}.`);
  }
  return { certPem: certPem as string, keyPem };
}

/** The server sent a CertificateRequest in this handshake (see the module comment). */
export function certificateRequested(socket: TLSSocket): boolean {
  try {
    return socket.getSharedSigalgs().length > 0;
  } catch {
    return false; // the handle is gone
  }
}

/** TLS 1.3 and a certificate was asked for: the server has not yet said whether it accepts the client. */
export function verdictPending(socket: TLSSocket): boolean {
  return socket.getProtocol() === 'TLSv1.3' && certificateRequested(socket);
}

/** Alerts a server sends about the client's certificate (RFC 8446 6.2; handshake_failure is TLS 1.2's "none given"). */
const CLIENT_CERT_ALERT = /_ALERT_(HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA|ACCESS_DENIED|CERTIFICATE_REQUIRED)$/;

/**
 * `client-cert-required` when the error is the server refusing the client's certificate (or its
 * absence); undefined for any other error, which classifyProbeError then reads.
 */
export function clientCertRefusal(error: unknown, socket: TLSSocket, target: string, certGiven: boolean): ProbeFailure | undefined {
  const { code, reason } = error as { code?: unknown; reason?: unknown };
  if (typeof code !== 'string') return undefined;
  const required = code.endsWith('_ALERT_CERTIFICATE_REQUIRED');
  if (!required && !(CLIENT_CERT_ALERT.test(code) && certificateRequested(socket))) return undefined;
  const why = typeof reason === 'string' ? reason : code;
  return refused(target, certGiven, `alert: ${why}`);
}

/** The server asked for a certificate, then hung up instead of answering the client's. */
export function closedAfterRequest(target: string, certGiven: boolean): ProbeFailure {
  return refused(target, certGiven, 'it closed the connection');
}

function refused(target: string, certGiven: boolean, how: string): ProbeFailure {
  return failure(
    'client-cert-required',
    certGiven
      ? `${target} asks for a client certificate and refused the one given (${how}).`
      : `${target} asks for a client certificate and refused the handshake without one (${how}). Give one with --cert and --key, or clientCert and clientKey in the inventory.`,
  );
}

/** Turns what Node and OpenSSL report into a failure code and a sentence a person understands. */
import type { ProbeErrorCode, ProbeFailure } from './types';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'EREFUSED']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPERM', 'EACCES']);

/**
 * A timeout's message by the stage it stopped in: DNS and connect read the same whatever comes
 * after them; `waiting` says what the last stage (a handshake, a protocol's dialogue) was.
 */
export function stageTimeoutMessage(stage: 'resolving' | 'connecting' | 'waiting', timeoutMs: number, host: string, target: string, waiting: string): string {
  const limit = `${timeoutMs} ms`;
  switch (stage) {
    case 'resolving':
      return `Timed out after ${limit} resolving "${host}": the DNS lookup did not finish.`;
    case 'connecting':
      return `Timed out after ${limit} connecting to ${target}: no answer (a firewall may be dropping the packets).`;
    case 'waiting':
      return `Timed out after ${limit}: ${target} accepted the connection but ${waiting}.`;
  }
}

export function failure(code: ProbeErrorCode, message: string): ProbeFailure {
  return { error: { code, message } };
}

interface NodeError extends Error {
  code?: string;
  reason?: string;
  errors?: unknown[];
}

/**
 * Classifies an error raised before the handshake completed. `target` is "host:port" as shown
 * to people; `host` is the name that was resolved.
 */
export function classifyProbeError(raw: unknown, target: string, host: string): ProbeFailure {
  const error = representative(raw);
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') {
    return failure('refused', `${target} refused the connection: nothing is listening on that port, or a firewall rejects it.`);
  }
  if (DNS_CODES.has(code)) {
    const why = code === 'EAI_AGAIN' ? 'the DNS lookup failed temporarily (no answer from the resolver)' : 'no such host name';
    return failure('dns', `Could not resolve "${host}": ${why} (${code}).`);
  }
  if (code === 'ETIMEDOUT') {
    return failure('timeout', `Connecting to ${target} timed out: the host did not answer.`);
  }
  if (RESET_CODES.has(code)) {
    const closedCleanly = /disconnected before secure TLS connection/i.test(error.message);
    return failure(
      'reset',
      closedCleanly
        ? `${target} closed the connection before the TLS handshake finished.`
        : `${target} reset the connection before the TLS handshake finished (${code}).`,
    );
  }
  if (UNREACHABLE_CODES.has(code)) {
    return failure('unreachable', `${target} cannot be reached from here: ${plainReason(code)} (${code}).`);
  }
  if (code.startsWith('ERR_SSL_')) {
    const reason = error.reason ?? code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ');
    // An alert is a TLS server refusing this handshake (no common version, cipher or name), not a non-TLS peer.
    if (code.includes('ALERT') || code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE') {
      const hint = /protocol version|unsupported protocol|no protocols/i.test(reason)
        ? ' There is no TLS version in common (this check offers TLS 1.2 and 1.3).'
        : '';
      return failure('reset', `${target} aborted the TLS handshake: ${reason}.${hint}`);
    }
    return failure(
      'not-tls',
      `${target} answered, but not with TLS (${reason}). Another protocol, such as plain HTTP, may be listening on that port.`,
    );
  }
  return failure('unreachable', `${target} cannot be reached: ${error.message}${code ? ` (${code})` : ''}.`);
}

/** Happy Eyeballs reports an AggregateError; the first attempt's error speaks for all of them. */
function representative(raw: unknown): NodeError {
  const error: NodeError = raw instanceof Error ? raw : new Error(String(raw));
  if (!error.code && Array.isArray(error.errors)) {
    const inner = error.errors.find((e): e is NodeError => e instanceof Error && typeof (e as NodeError).code === 'string');
    if (inner) return inner;
  }
  return error;
}

function plainReason(code: string): string {
  switch (code) {
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
      return 'no route to the host';
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return 'the network is unreachable';
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return 'this machine has no address of that family (IPv4/IPv6)';
    default:
      return 'the connection is not permitted';
  }
}

/** OpenSSL's verification codes, as Node reports them in `authorizationError`, in plain words. */
const TRUST_MESSAGES: Record<string, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issued by a CA that is not trusted here (for an internal CA, pass it with --ca or extraCaFiles)',
  UNABLE_TO_GET_ISSUER_CERT: 'issued by a CA that is not trusted here (for an internal CA, pass it with --ca or extraCaFiles)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'the issuer cannot be found: the server may not send its intermediate certificates, or the CA is not trusted here',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate, not trusted here',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed CA that is not trusted here',
  CERT_HAS_EXPIRED: 'a certificate in the chain has expired',
  CERT_NOT_YET_VALID: 'a certificate in the chain is not valid yet (or a clock is wrong)',
  CERT_SIGNATURE_FAILURE: 'a signature in the chain does not verify',
  CERT_REVOKED: 'a certificate in the chain is revoked',
  CERT_CHAIN_TOO_LONG: 'the certificate chain is too long',
  PATH_LENGTH_EXCEEDED: 'the chain is longer than a CA allows (path length constraint)',
  INVALID_CA: 'a certificate that is not a CA signed another one',
  INVALID_PURPOSE: 'a certificate in the chain is not meant for TLS servers',
  CERT_UNTRUSTED: 'the root CA is not trusted for this purpose',
  CERT_REJECTED: 'the root CA is marked as rejected',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'a certificate has a malformed start date',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'a certificate has a malformed expiry date',
  EE_KEY_TOO_SMALL: 'the certificate key is too small to be trusted',
  CA_KEY_TOO_SMALL: 'a CA key in the chain is too small to be trusted',
  CA_MD_TOO_WEAK: 'a signature in the chain uses a hash too weak to be trusted',
};

/**
 * `socket.authorizationError` as one readable line. Node gives the OpenSSL code as a string
 * (typed as Error); both forms are accepted.
 */
export function describeTrustError(error: unknown): string {
  const code = typeof error === 'string' ? error : error instanceof Error ? ((error as NodeError).code ?? error.message) : '';
  if (!code) return 'the certificate chain could not be verified';
  const words = TRUST_MESSAGES[code] ?? code.toLowerCase().replace(/_/g, ' ');
  return `${words} (${code})`;
}

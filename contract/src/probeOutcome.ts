/**
 * What a live certificate check returns: the server's `incidentDocs.checkLiveCert` answers with a
 * ProbeOutcome, the client renders it, the CLI prints it. Plain data, so it crosses the wire as is.
 */
import type { StartTlsProtocol } from './tlsScheme';

export interface ChainCertificate {
  subject: string;
  issuer: string;
  /** ISO 8601 UTC. */
  notAfter: string;
  /** "RSA", "EC", "DSA", "Ed25519", ... (absent from servers older than these fields). */
  keyType?: string;
  /** RSA/DSA modulus bits, the EC curve's size; null when the key type has none (Ed25519). */
  keyBits?: number | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256", "sha1WithRSAEncryption"; the OID when unnamed. */
  signatureAlgorithm?: string;
}

/** What a completed handshake tells about the certificate the host really serves. */
export interface ProbeResult {
  host: string;
  port: number;
  /** The plaintext dialogue spoken before the handshake (`smtp`, `ldap`, …); absent for implicit TLS. */
  starttls?: StartTlsProtocol;
  /** The SNI sent; null for IP literals. */
  servername: string | null;
  /** The IP address actually connected to. */
  address: string;
  /** e.g. "TLSv1.3". */
  protocol: string;
  subject: string;
  issuer: string;
  /** DNS names and IP addresses as plain text; other kinds keep their prefix (email:, URI:). */
  sans: string[];
  /** Upper-case hex. */
  serialNumber: string;
  /** ISO 8601 UTC. */
  notBefore: string;
  /** ISO 8601 UTC. */
  notAfter: string;
  /** Whole days from `now` to notAfter, rounded down: negative once expired. */
  daysLeft: number;
  /** Colon-separated upper-case hex. */
  fingerprintSha256: string;
  /** Leaf first, then each issuer as far as it is known (presented or from the trust store). */
  chain: ChainCertificate[];
  /** The soonest notAfter over the whole chain, ISO 8601 UTC. */
  earliestChainExpiry: string;
  /** The chain verifies against the system store plus the extra CAs (judged at the real clock). */
  trusted: boolean;
  /** Why it does not verify, when it does not; null when trusted. */
  trustError: string | null;
  /**
   * It verifies and ends at a root of Node's bundled store (the publicly trusted CAs), not only
   * at an extra CA: the CA/Browser Forum's lifetime limits apply to it. Always set by this
   * probe; optional for results of older servers.
   */
  trustedBySystemStore?: boolean;
  /** The certificate is valid for the servername (or host, when no servername was given). */
  hostnameMatches: boolean;
  /**
   * The leaf's status in the OCSP response the server stapled to the handshake; "none" when it
   * stapled nothing. Always set by this probe; optional for results of older servers.
   */
  ocspStatus?: OcspStatus;
  /** A few words on the staple: when it was revoked and why, or why it counts as "unknown". */
  ocspDetail?: string;
  /**
   * The leaf demands stapling ("must-staple": the TLS feature extension, OID 1.3.6.1.5.5.7.1.24,
   * with status_request). Always set by this probe; optional for results of older servers.
   */
  mustStaple?: boolean;
  elapsedMs: number;
}

/** "unknown" also covers a staple that cannot be read, is not for this certificate or does not verify (see ocspDetail). */
export type OcspStatus = 'good' | 'revoked' | 'unknown' | 'none';

/**
 * `client-cert-required`: the server asked for a client certificate and refused the handshake
 * without one it accepts. `starttls-refused`: the server does not offer TLS in its protocol, or
 * refused it (the message quotes its reply); `protocol`: it did not speak the protocol the
 * dialogue expected.
 */
export type ProbeErrorCode =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'not-tls'
  | 'reset'
  | 'unreachable'
  | 'client-cert-required'
  | 'starttls-refused'
  | 'protocol';

export const PROBE_ERROR_CODES: readonly ProbeErrorCode[] = [
  'refused',
  'timeout',
  'dns',
  'not-tls',
  'reset',
  'unreachable',
  'client-cert-required',
  'starttls-refused',
  'protocol',
];

/** No handshake happened. */
export interface ProbeFailure {
  error: { code: ProbeErrorCode; message: string };
}

export type ProbeOutcome = ProbeResult | ProbeFailure;

export function isProbeFailure(outcome: ProbeOutcome): outcome is ProbeFailure {
  return 'error' in outcome;
}

/** Invalid options (bad host, port, timeout, CA text): reported before any connection is tried. */
export class ProbeInputError extends Error {
  override name = 'ProbeInputError';
}

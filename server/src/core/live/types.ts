/** Vocabulary of the live certificate check. No LSP, no vscode: the CLI and the server share it. */
import type { LookupFunction } from 'node:net';
import type { StartTlsProtocol } from '../../../../contract/src/tlsScheme';

export interface ProbeOptions {
  /** Host name or IP literal (IPv6 without brackets). */
  host: string;
  /** Defaults to 443, or the STARTTLS protocol's port (smtp 25, ldap 389, …). */
  port?: number;
  /** The plaintext dialogue before the handshake (`smtp`, `imap`, …); implicit TLS without one. */
  starttls?: StartTlsProtocol;
  /** SNI to send instead of the host name. Never sent for IP literals. */
  servername?: string;
  /** Bounds DNS + connect + any STARTTLS dialogue + handshake together. Defaults to 5000 ms. */
  timeoutMs?: number;
  /** PEM text of extra trusted CAs (internal CAs), each possibly a bundle. */
  extraCaPems?: string[];
  /** Reference time for `daysLeft`; defaults to the clock. */
  now?: Date;
  /**
   * A client certificate (PEM, possibly followed by intermediates) and its unencrypted private
   * key, for servers that ask for one; both or neither.
   */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** Replaces DNS resolution (tests; custom resolvers). Same contract as `net.connect`'s `lookup`. */
  lookup?: LookupFunction;
}

/** A client certificate and its key, checked (see checkClientIdentity). */
export interface ClientIdentity {
  /** The client certificate, possibly followed by its intermediates. */
  certPem: string;
  keyPem: string;
}

// The outcome of a probe is what the server sends the client, so its types live in the contract.
export {
  isProbeFailure,
  ProbeInputError,
  PROBE_ERROR_CODES,
  type ChainCertificate,
  type ProbeErrorCode,
  type ProbeFailure,
  type ProbeOutcome,
  type ProbeResult,
} from '../../../../contract/src/probeOutcome';

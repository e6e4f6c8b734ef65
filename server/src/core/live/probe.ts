/**
 * The live certificate check: one real TLS handshake, then hang up. The handshake is allowed to
 * complete whatever the certificate (expired, self-signed, wrong name) because reporting those is
 * the point; trust and name are judged afterwards and reported, never enforced.
 */
import { Socket, type LookupFunction } from 'node:net';
import { connect, checkServerIdentity, type ConnectionOptions, type DetailedPeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import { certificateFacts, chainEntry, daysBetween, endsAtSystemRoot, peerChain } from './certificate';
import { checkClientIdentity, clientCertRefusal, closedAfterRequest, verdictPending } from './clientAuth';
import { classifyProbeError, describeTrustError, failure, stageTimeoutMessage } from './errors';
import { checkPort, formatHostPort, isIpLiteral, normalizeHost } from '../../../../contract/src/hostPort';
import { DEFAULT_TLS_PORT } from '../../../../contract/src/hostSyntax';
import { stapledStatus } from './ocsp';
import { isMustStaple } from '../x509/tlsFeature';
import { isStartTlsProtocol, schemeOfStartTls, STARTTLS_PROTOCOLS, type StartTlsProtocol } from '../../../../contract/src/tlsScheme';
import { openStartTls } from './starttls/open';
import { trustContext } from './trust';
import { ProbeInputError, type ProbeOptions, type ProbeOutcome, type ProbeResult } from './types';
import { DEFAULT_TIMEOUT_MS } from './defaults';

export { DEFAULT_TIMEOUT_MS };
const MAX_TIMEOUT_MS = 2 ** 31 - 1; // setTimeout's limit

interface CheckedProbe {
  host: string;
  port: number;
  /** What goes into the ClientHello; null for IP literals. */
  sni: string | null;
  /** The name the certificate must be valid for. */
  identity: string;
  timeoutMs: number;
  now: Date;
  secureContext: SecureContext;
  /** A client certificate is in the context. */
  clientCert: boolean;
  lookup: LookupFunction | undefined;
  /** The plaintext dialogue before the handshake; null for implicit TLS. */
  starttls: StartTlsProtocol | null;
}

/**
 * Connects, completes a TLS handshake and describes the certificate, or says why it could not.
 * Resolves with a ProbeFailure for every network outcome; rejects (ProbeInputError) only for
 * invalid options, before any connection is tried. Never takes longer than `timeoutMs` (plus
 * the event loop's slack).
 */
export async function probeCertificate(options: ProbeOptions): Promise<ProbeOutcome> {
  const probe = checkProbeOptions(options);
  if (!probe.starttls) return handshake(probe);
  // STARTTLS: the plaintext dialogue, then the handshake on its socket, under the same deadline.
  const started = performance.now();
  const opened = await openStartTls(probe, probe.starttls);
  return opened instanceof Socket ? handshake(probe, opened, started) : opened;
}

/** Validates and normalizes options; throws ProbeInputError with a reason a person understands. */
export function checkProbeOptions(options: ProbeOptions): CheckedProbe {
  if (!options || typeof options !== 'object') throw new ProbeInputError('Probe options are required: {host, port?, ...}.');
  const host = normalizeHost(options.host);
  if (options.starttls !== undefined && !isStartTlsProtocol(options.starttls)) {
    throw new ProbeInputError(`Unknown STARTTLS protocol ${JSON.stringify(options.starttls)}; known: ${STARTTLS_PROTOCOLS.join(', ')}.`);
  }
  const starttls = options.starttls ?? null;
  const port = options.port ?? (starttls ? schemeOfStartTls(starttls).defaultPort : DEFAULT_TLS_PORT);
  checkPort(port);
  let servername: string | undefined;
  if (options.servername !== undefined && options.servername !== null && options.servername !== '') {
    servername = normalizeHost(options.servername);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new ProbeInputError(`Timeout ${JSON.stringify(timeoutMs)} is not a positive number of milliseconds.`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ProbeInputError('"now" must be a valid Date.');
  if (options.extraCaPems !== undefined && !Array.isArray(options.extraCaPems)) {
    throw new ProbeInputError('extraCaPems must be a list of PEM texts.');
  }
  if (options.lookup !== undefined && typeof options.lookup !== 'function') throw new ProbeInputError('lookup must be a function.');
  const client = checkClientIdentity(options.clientCertPem, options.clientKeyPem);
  const sniCandidate = servername ?? host;
  return {
    host,
    port,
    // SNI carries names only (RFC 6066); Node also warns when given an IP.
    sni: isIpLiteral(sniCandidate) ? null : sniCandidate,
    identity: sniCandidate,
    timeoutMs,
    now,
    secureContext: trustContext(options.extraCaPems, client),
    clientCert: client !== undefined,
    lookup: options.lookup,
    starttls,
  };
}

/** 'waiting': connected, waiting for the handshake to finish. */
type Stage = 'resolving' | 'connecting' | 'waiting';

/** `plain`: a socket a STARTTLS dialogue left ready for TLS, its time counted from `started`. */
function handshake(probe: CheckedProbe, plain?: Socket, started = performance.now()): Promise<ProbeOutcome> {
  const target = formatHostPort(probe.host, probe.port);
  return new Promise((resolve) => {
    let stage: Stage = plain ? 'waiting' : isIpLiteral(probe.host) ? 'connecting' : 'resolving';
    let settled = false;
    let socket: TLSSocket | undefined;
    /** The OCSP response stapled to the handshake; null when none was. */
    let staple: Buffer | null = null;
    /** Described, while a TLS 1.3 server has yet to accept or refuse the client (see clientAuth.ts). */
    let awaitingVerdict: ProbeOutcome | undefined;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Settle once the socket is really closed, so a caller bounding probes in flight bounds
      // open connections too (resolving at destroy() left up to twice the bound open).
      if (!socket || socket.closed) {
        resolve(outcome);
        return;
      }
      socket.once('close', () => resolve(outcome));
      socket.destroy();
    };
    // One timer for DNS, connect and handshake together: the caller's bound is the whole wait.
    // A server that said nothing about the client by then let it be: the handshake stands.
    const timer = setTimeout(
      () => finish(awaitingVerdict ?? failure('timeout', stageTimeoutMessage(stage, probe.timeoutMs, probe.host, target, 'did not complete a TLS handshake'))),
      probe.timeoutMs - (performance.now() - started),
    );
    try {
      // tls.connect passes requestOCSP on to the socket; @types/node lists it for TLSSocket only.
      const options: ConnectionOptions & { requestOCSP: boolean } = {
        socket: plain,
        host: probe.host,
        port: probe.port,
        servername: probe.sni ?? undefined,
        secureContext: probe.secureContext,
        requestOCSP: true,
        rejectUnauthorized: false,
        // Node would fold a name mismatch into `authorized`; trust and name are reported apart.
        checkServerIdentity: () => undefined,
        lookup: probe.lookup,
      };
      socket = connect(options);
    } catch (e) {
      finish(classifyProbeError(e, target, probe.host));
      return;
    }
    const tlsSocket = socket;
    // Errors after settling (a late RST) must still have a listener, or they would crash the process.
    tlsSocket.on('error', (e) =>
      finish(
        clientCertRefusal(e, tlsSocket, target, probe.clientCert) ??
          // A reset while the server judges the client's certificate is its refusal too.
          (awaitingVerdict ? closedAfterRequest(target, probe.clientCert) : classifyProbeError(e, target, probe.host)),
      ),
    );
    tlsSocket.once('OCSPResponse', (response: Buffer | null) => (staple = response));
    tlsSocket.once('lookup', (e: Error | null) => {
      if (!e) stage = 'connecting';
    });
    tlsSocket.once('connect', () => {
      stage = 'waiting';
    });
    tlsSocket.once('close', () =>
      finish(awaitingVerdict ? closedAfterRequest(target, probe.clientCert) : failure('reset', `${target} closed the connection before the TLS handshake finished.`)),
    );
    tlsSocket.once('secureConnect', () => {
      let outcome: ProbeOutcome;
      try {
        outcome = describe(tlsSocket, probe, Math.round(performance.now() - started), staple);
      } catch (e) {
        outcome = failure('not-tls', `${target} completed a handshake, but its certificate cannot be read: ${(e as Error).message}`);
      }
      if (!verdictPending(tlsSocket)) return finish(outcome);
      // The server's session ticket says it accepted the client; its refusal comes as an error.
      awaitingVerdict = outcome;
      tlsSocket.once('session', () => finish(outcome));
    });
  });
}

function describe(socket: TLSSocket, probe: CheckedProbe, elapsedMs: number, staple: Buffer | null): ProbeOutcome {
  const target = formatHostPort(probe.host, probe.port);
  const peer = socket.getPeerCertificate(true) as DetailedPeerCertificate;
  if (!peer || !peer.raw) return failure('not-tls', `${target} completed a TLS handshake without presenting a certificate.`);
  const chain = peerChain(peer, socket.getPeerX509Certificate());
  const leaf = certificateFacts(chain[0]);
  const chainEntries = chain.map(chainEntry);
  const earliestChainExpiry = chainEntries.reduce(
    (earliest, c) => (Date.parse(c.notAfter) < Date.parse(earliest) ? c.notAfter : earliest),
    leaf.notAfter,
  );
  const trusted = socket.authorized;
  // Built field by field so JSON output keeps the documented order.
  const result: ProbeResult = {
    host: probe.host,
    port: probe.port,
    ...(probe.starttls ? { starttls: probe.starttls } : {}),
    servername: probe.sni,
    address: socket.remoteAddress ?? '',
    protocol: socket.getProtocol() ?? 'unknown',
    subject: leaf.subject,
    issuer: leaf.issuer,
    sans: leaf.sans,
    serialNumber: leaf.serialNumber,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    daysLeft: daysBetween(probe.now, leaf.notAfter),
    fingerprintSha256: leaf.fingerprintSha256,
    chain: chainEntries,
    earliestChainExpiry,
    trusted,
    trustError: trusted ? null : describeTrustError(socket.authorizationError),
    trustedBySystemStore: trusted && endsAtSystemRoot(chain),
    hostnameMatches: checkServerIdentity(probe.identity, peer) === undefined,
    ...stapledStatus(staple, chain, probe.now),
    mustStaple: isMustStaple(chain[0]),
    elapsedMs,
  };
  return result;
}

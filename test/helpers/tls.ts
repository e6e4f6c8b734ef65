/**
 * Certificates and servers for tests of anything that talks TLS (live check, LSP, Neovim,
 * Prometheus suites). Certificates are built with node-forge; RSA keys come from Node's crypto
 * (native, ~50 ms) and are cached per name, because forge's pure-JS key generation is slow.
 * Everything listens on loopback only.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import forge from 'node-forge';
import { DAY_MS } from '../../server/src/core/units';

/** The clock, rounded down to a whole second: X.509 dates have no milliseconds, so day counts stay exact. */
export function wholeSecondNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export interface TestKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

const keyCache = new Map<string, TestKey>();

/** An RSA key, generated once per (name, bits) and process: tests that share a name share the key. */
export function testKey(name = 'default', bits = 2048): TestKey {
  const cacheKey = `${name}/${bits}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    key = {
      privateKeyPem: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    keyCache.set(cacheKey, key);
  }
  return key;
}

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex, as the probe reports it. */
  serialNumber: string;
  /** The forge subject attributes, so certificates it signs can name it as issuer. */
  subjectAttributes: forge.pki.CertificateField[];
}

export interface CertificateSpec {
  commonName: string;
  organization?: string;
  dnsNames?: string[];
  /** IPv4 or IPv6 literals. */
  ipAddresses?: string[];
  /** Defaults to a day before the clock. */
  notBefore?: Date;
  /** Defaults to 90 days after the clock. */
  notAfter?: Date;
  /** The signing CA; without one the certificate is self-signed. */
  issuer?: TestCertificate;
  /** Makes a CA certificate (basicConstraints cA, keyCertSign). */
  isCa?: boolean;
  /** Key name for testKey(); certificates with the same name share a key. Defaults to the common name. */
  keyName?: string;
  keyBits?: number;
  /** The digest of the signature (default sha256): sha1 and md5 make weak signatures. */
  signatureDigest?: 'sha256' | 'sha1' | 'md5';
}

export function createCertificate(spec: CertificateSpec): TestCertificate {
  const key = testKey(spec.keyName ?? spec.commonName, spec.keyBits ?? 2048);
  const now = wholeSecondNow();
  const notBefore = spec.notBefore ?? addDays(now, -1);
  const notAfter = spec.notAfter ?? addDays(now, 90);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(key.publicKeyPem);
  // Positive, non-zero, 16 bytes: what real CAs do, and never a leading zero nibble to trip comparisons.
  const serial = '4' + randomBytes(16).toString('hex').slice(1, 31) + '1';
  cert.serialNumber = serial;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: spec.commonName }];
  if (spec.organization) subject.push({ name: 'organizationName', value: spec.organization });
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.subjectAttributes : subject);
  const altNames = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(spec.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
  ];
  const extensions: object[] = [
    { name: 'basicConstraints', cA: Boolean(spec.isCa), critical: true },
    spec.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (!spec.isCa) extensions.push({ name: 'extKeyUsage', serverAuth: true });
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  cert.setExtensions(extensions);
  const signingKey = spec.issuer ? spec.issuer.keyPem : key.privateKeyPem;
  const digest = spec.signatureDigest === 'sha1' ? forge.md.sha1.create() : spec.signatureDigest === 'md5' ? forge.md.md5.create() : forge.md.sha256.create();
  cert.sign(forge.pki.privateKeyFromPem(signingKey) as forge.pki.rsa.PrivateKey, digest);
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem: key.privateKeyPem,
    commonName: spec.commonName,
    notBefore,
    notAfter,
    serialNumber: serial.toUpperCase(),
    subjectAttributes: subject,
  };
}

export type LoopbackHost = '127.0.0.1' | '::1';

/** Tracks a server's connections so close() never waits on a client, and tests can inspect them. */
interface ConnectionLog {
  /** Connections accepted so far. */
  accepted: number;
  /** Connections open right now. */
  open: number;
  /** The most open at once. */
  maxOpen: number;
}

export interface TestServer extends ConnectionLog {
  host: LoopbackHost;
  port: number;
  /** "host:port", with brackets for IPv6. */
  target: string;
  close(): Promise<void>;
  /** Resolves once every accepted connection has closed. */
  allClosed(): Promise<void>;
}

export interface TestTlsServer extends TestServer {
  /** The SNI of each ClientHello that carried one (a hello without SNI adds nothing). */
  servernames: string[];
  /** Handshakes the server saw complete (with TLS 1.3 the client may hang up before the server finishes). */
  handshakes: number;
  /** Application bytes received after handshakes (a probe must send none). */
  bytesAfterHandshake: number;
}

function track(server: net.Server, host: LoopbackHost, readPlainSockets = true): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const closeWaiters: Array<() => void> = [];
  const log: TestServer = {
    host,
    port: 0,
    target: '',
    accepted: 0,
    open: 0,
    maxOpen: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    allClosed: () => new Promise<void>((resolve) => (log.open === 0 ? resolve() : closeWaiters.push(resolve))),
  };
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    log.accepted++;
    log.open++;
    log.maxOpen = Math.max(log.maxOpen, log.open);
    socket.on('error', () => {}); // a client hanging up mid-handshake is what these tests do
    // A plain socket nobody reads from never notices the peer's FIN; keep reading so 'close' comes.
    // (A TLS server reads its sockets itself; a listener here would compete with it.)
    if (readPlainSockets) socket.on('data', () => {});
    socket.once('close', () => {
      sockets.delete(socket);
      log.open--;
      if (log.open === 0) closeWaiters.splice(0).forEach((wake) => wake());
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address() as net.AddressInfo;
      log.port = address.port;
      log.target = host.includes(':') ? `[${host}]:${address.port}` : `${host}:${address.port}`;
      resolve(log);
    });
  });
}

export interface TlsServerSpec {
  /** Leaf first, then the intermediates the server sends. The key is the leaf's. */
  chain: TestCertificate[];
  host?: LoopbackHost;
  /** OpenSSL security level 0, so the server may present weak keys and SHA-1 signatures. */
  weakCrypto?: boolean;
  /** Restricts the server's TLS versions, e.g. to provoke a protocol alert. */
  maxVersion?: tls.SecureVersion;
  minVersion?: tls.SecureVersion;
}

/** A TLS server presenting the given chain, recording SNI and any bytes sent after the handshake. */
export async function startTlsServer(spec: TlsServerSpec): Promise<TestTlsServer> {
  const [leaf] = spec.chain;
  const servernames: string[] = [];
  const server = tls.createServer({
    key: leaf.keyPem,
    cert: spec.chain.map((c) => c.certPem).join(''),
    minVersion: spec.minVersion,
    maxVersion: spec.maxVersion,
    ciphers: spec.weakCrypto ? 'DEFAULT@SECLEVEL=0' : undefined,
    // Called only for a hello with SNI; no context means "use the default one".
    SNICallback: (name, done) => {
      servernames.push(name);
      done(null, undefined);
    },
  });
  server.on('tlsClientError', () => {});
  const log = (await track(server, spec.host ?? '127.0.0.1', false)) as TestTlsServer;
  log.servernames = servernames;
  log.handshakes = 0;
  log.bytesAfterHandshake = 0;
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    log.handshakes++;
    socket.on('data', (data: Buffer) => (log.bytesAfterHandshake += data.length));
    socket.on('error', () => {});
  });
  return log;
}

/**
 * A self-signed certificate made by the openssl CLI, for keys node-forge cannot make (EC curves
 * such as prime192v1). Valid from now for `days`; the key is thrown away with its folder.
 */
export function opensslCertificate(spec: { commonName: string; key: string; digest?: string; days?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'incident-docs-openssl-'));
  try {
    const [algorithm, parameter] = spec.key.split(':');
    const keyOption = algorithm === 'ec' ? `ec_paramgen_curve:${parameter}` : `rsa_keygen_bits:${parameter}`;
    execFileSync('openssl', [
      'req', '-x509', '-newkey', algorithm, '-pkeyopt', keyOption, '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', String(spec.days ?? 90), `-${spec.digest ?? 'sha256'}`, '-subj', `/CN=${spec.commonName}`,
      '-addext', `subjectAltName=DNS:${spec.commonName}`,
    ], { stdio: 'pipe' });
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A plain HTTP server: the peer answers, but not with TLS. */
export function startHttpServer(host: LoopbackHost = '127.0.0.1'): Promise<TestServer> {
  const server = http.createServer((_request, response) => response.end('plain http\n'));
  return track(server, host, false);
}

/** Accepts connections and never says a word: a hung service. */
export function startSilentServer(host: LoopbackHost = '127.0.0.1'): Promise<TestServer> {
  return track(net.createServer(), host);
}

/** Accepts, then resets the connection (TCP RST) before any TLS. */
export function startResetServer(host: LoopbackHost = '127.0.0.1'): Promise<TestServer> {
  return track(
    net.createServer((socket) => socket.resetAndDestroy()),
    host,
  );
}

/** Accepts, then sends the given bytes and closes: garbage, a bare TLS alert, a truncated record. */
export function startRawServer(reply: Buffer, host: LoopbackHost = '127.0.0.1'): Promise<TestServer> {
  return track(
    net.createServer((socket) => socket.end(reply)),
    host,
  );
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(host: LoopbackHost = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** True when this machine can listen on ::1 (some containers have IPv6 disabled). */
export async function ipv6Available(): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}

/**
 * Runs `body` counting every socket this process connects, from connect() to 'close': the
 * connections really open (tls.connect goes through net.Socket.prototype.connect, wrapped for
 * the run). A server's own count lags: it sees a close only once its event loop gets to it.
 */
export async function countOpenSockets<T>(body: () => Promise<T>): Promise<{ result: T; max: number }> {
  let open = 0;
  let max = 0;
  const prototype = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const connect = prototype.connect;
  prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    open++;
    max = Math.max(max, open);
    this.once('close', () => open--);
    return connect.apply(this, args);
  };
  try {
    return { result: await body(), max };
  } finally {
    prototype.connect = connect;
  }
}

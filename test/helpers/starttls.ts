/**
 * STARTTLS for tests: small in-test servers that speak a protocol's plaintext part from a script
 * and then TLS on the same socket (for MySQL, FTP, XMPP and the edge cases of every dialogue), and
 * `openssl s_client -starttls` as the reference client whose fingerprint a probe must match.
 */
import { execFile } from 'node:child_process';
import * as net from 'node:net';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { TestCertificate } from './tls';

/** The server side of a scripted dialogue. */
export class ServerTalk {
  private buffer: Buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private closed = false;
  /** Everything the client sent before TLS, as text. */
  received = '';

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.received += chunk.toString('latin1');
      this.wake?.();
    });
    socket.once('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** A line without its end; rejects if the client hangs up first. */
  async line(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(0x0a);
      if (end >= 0) {
        const text = this.buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
        this.buffer = this.buffer.subarray(end + 1);
        return text;
      }
      await this.more();
    }
  }

  async bytes(count: number): Promise<Buffer> {
    while (this.buffer.length < count) await this.more();
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }

  /** What was received and not read: a client may send its ClientHello right behind its request. */
  takeRest(): Buffer {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }

  /** Waits until the text received (and not consumed) contains `needle`, then consumes all of it. */
  async until(needle: string): Promise<string> {
    while (!this.buffer.toString('latin1').includes(needle)) await this.more();
    const text = this.buffer.toString('latin1');
    this.buffer = Buffer.alloc(0);
    return text;
  }

  private async more(): Promise<void> {
    if (this.closed) throw new Error('client closed the connection');
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    if (this.closed) throw new Error('client closed the connection');
  }
}

/** What a script decides: go on with TLS on the socket, or hang up (or keep silent: 'hold'). */
export type ScriptEnd = 'tls' | 'close' | 'hold';

export interface ScriptedServer {
  port: number;
  /** "127.0.0.1:port". */
  target: string;
  accepted: number;
  /** TLS handshakes completed after a script said 'tls'. */
  handshakes: number;
  /** What clients sent in the plaintext part, one entry per connection. */
  transcripts: string[];
  close(): Promise<void>;
}

/** A loopback server running `script` on each connection, then TLS with `chain` when it says so. */
export async function startScriptedServer(chain: TestCertificate[], script: (talk: ServerTalk) => Promise<ScriptEnd>): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const context = tls.createSecureContext({ key: chain[0].keyPem, cert: chain.map((c) => c.certPem).join('') });
  const server = net.createServer((socket) => {
    sockets.add(socket);
    log.accepted++;
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
    const talk = new ServerTalk(socket);
    const index = log.transcripts.push('') - 1;
    script(talk).then(
      (end) => {
        log.transcripts[index] = talk.received;
        if (end === 'close') socket.end();
        if (end !== 'tls') return;
        const secure = new tls.TLSSocket(withRest(socket, talk.takeRest()), { isServer: true, secureContext: context });
        secure.on('error', () => {});
        secure.once('secure', () => log.handshakes++);
        // Keep reading so the client's close is seen.
        secure.on('data', () => {});
      },
      () => {
        log.transcripts[index] = talk.received;
        socket.destroy();
      },
    );
  });
  const log: ScriptedServer = {
    port: 0,
    target: '',
    accepted: 0,
    handshakes: 0,
    transcripts: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  log.port = (server.address() as net.AddressInfo).port;
  log.target = `127.0.0.1:${log.port}`;
  return log;
}

/**
 * The socket as a stream that first yields `rest`: TLS over a net.Socket reads its handle
 * directly, and would miss bytes the script had already read past.
 */
function withRest(socket: net.Socket, rest: Buffer): Duplex {
  socket.removeAllListeners('data');
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      socket.write(chunk, done);
    },
    final(done) {
      socket.end();
      done();
    },
    destroy(error, done) {
      socket.destroy();
      done(error);
    },
  });
  if (rest.length > 0) stream.push(rest);
  socket.on('data', (chunk: Buffer) => stream.push(chunk));
  socket.once('end', () => stream.push(null));
  socket.once('close', () => stream.destroy());
  return stream;
}

/** The SHA-256 fingerprint of a PEM certificate as `openssl x509` prints it (upper-case hex with colons). */
export async function opensslFingerprint(pem: string): Promise<string> {
  const output = await run('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], pem);
  const match = /Fingerprint=([0-9A-F:]+)/i.exec(output.stdout);
  if (!match) throw new Error(`openssl x509 printed no fingerprint:\n${output.stdout}${output.stderr}`);
  return match[1].toUpperCase();
}

export interface SClientResult {
  /** The leaf certificate s_client printed, if it completed a handshake. */
  certificatePem?: string;
  /** The leaf's SHA-256 fingerprint, as openssl computes it. */
  fingerprint?: string;
  output: string;
}

/**
 * `openssl s_client -starttls PROTO` (or plain `-connect` for implicit TLS) against a loopback
 * port, asynchronously: an in-test server answers from this process's event loop.
 */
export async function sClient(port: number, starttls: string | null, extra: string[] = []): Promise<SClientResult> {
  const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', ...(starttls ? ['-starttls', starttls] : []), ...extra];
  const { stdout, stderr } = await run('openssl', args, '');
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(stdout)?.[0];
  return { certificatePem: pem, fingerprint: pem ? await opensslFingerprint(pem) : undefined, output: `${stdout}${stderr}` };
}

function run(command: string, args: string[], input: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      // s_client exits non-zero when the server refuses; the caller judges the output.
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(error);
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(input);
  });
}


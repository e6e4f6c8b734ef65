/**
 * OpenSSL's own tools as test peers: `openssl s_server` on a loopback port (client-certificate
 * and OCSP-stapling servers Node's tls server cannot play as simply), and a throw-away CA with
 * an OCSP responder made by `openssl ocsp`. Everything lives in one temporary folder, removed by
 * `cleanup()`; servers are killed by `stop()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './tls';

/** Bounds a failure only: a loaded machine may take a while to start OpenSSL. */
const START_DEADLINE_MS = 30_000;

function openssl(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** A folder of its own for keys, certificates, index and responses. */
export class OpensslWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'incident-docs-openssl-'));
  private readonly servers: SServer[] = [];

  path(name: string): string {
    return join(this.dir, name);
  }

  read(name: string): string {
    return readFileSync(this.path(name), 'utf8');
  }

  /** A CA certificate and key (`<name>.pem`, `<name>.key`), valid 30 days. */
  ca(name: string, commonName: string): void {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'], this.dir);
  }

  /**
   * A certificate signed by `ca` (`<name>.pem`, `<name>.key`), valid 30 days, for 127.0.0.1 and
   * localhost; `mustStaple` adds the TLS feature extension (status_request).
   */
  leaf(name: string, ca: string, options: { commonName?: string; mustStaple?: boolean; clientAuth?: boolean } = {}): void {
    const extensions = ['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
    if (options.mustStaple) extensions.push('-addext', 'tlsfeature=status_request');
    if (options.clientAuth) extensions.push('-addext', 'extendedKeyUsage=clientAuth');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30',
      '-subj', `/CN=${options.commonName ?? 'localhost'}`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, ...extensions], this.dir);
  }

  /**
   * An OCSP response for `leaf` (`<out>`, DER) signed by its issuer `ca`, from an index file that
   * says valid or revoked (keyCompromise, a day ago), current for 7 days.
   */
  ocspResponse(out: string, leaf: string, ca: string, status: 'good' | 'revoked'): void {
    const serial = openssl(['x509', '-in', `${leaf}.pem`, '-noout', '-serial'], this.dir).trim().split('=')[1];
    const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    const expiry = stamp(new Date(Date.now() + 30 * 86_400_000));
    const revoked = status === 'revoked' ? `${stamp(new Date(Date.now() - 86_400_000))},keyCompromise` : '';
    const index = `${out}.index`;
    writeFileSync(this.path(index), `${status === 'revoked' ? 'R' : 'V'}\t${expiry}\t${revoked}\t${serial}\tunknown\t/CN=localhost\n`);
    openssl(['ocsp', '-index', index, '-rsigner', `${ca}.pem`, '-rkey', `${ca}.key`, '-CA', `${ca}.pem`, '-issuer', `${ca}.pem`,
      '-cert', `${leaf}.pem`, '-respout', out, '-ndays', '7'], this.dir);
  }

  /** `openssl s_server` on a free loopback port with these arguments (paths relative to the folder), ready to accept. */
  async server(args: string[]): Promise<SServer> {
    const port = await closedPort();
    const server = new SServer(port, args, this.dir);
    this.servers.push(server);
    await server.ready();
    return server;
  }

  /** Stops every server, then removes the folder. */
  async cleanup(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class SServer {
  readonly host = '127.0.0.1';
  readonly target: string;
  private readonly process: ChildProcess;
  private log = '';

  constructor(
    readonly port: number,
    args: string[],
    cwd: string,
  ) {
    this.target = `${this.host}:${port}`;
    // stdin stays open: s_server closes a connection when its stdin ends.
    this.process = spawn('openssl', ['s_server', '-accept', this.target, '-quiet', ...args], { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-4000)));
  }

  /** Polls with plain connections until the port accepts (s_server shrugs off the non-TLS ones). */
  async ready(): Promise<void> {
    const deadline = Date.now() + START_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`openssl s_server exited (${this.process.exitCode}):\n${this.log}`);
      if (await accepts(this.host, this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`openssl s_server did not listen on ${this.target}:\n${this.log}`);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

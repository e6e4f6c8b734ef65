/**
 * Hostile TLS peers, through the real server's live-check command: each probe ends within its
 * timeout with a classified error (or a result), and the server process keeps answering.
 * Complements test/core/live (refused, silent, reset before TLS, plain HTTP, alerts).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { addDays, createCertificate, startRawServer, startTlsServer, wholeSecondNow, type TestCertificate } from '../helpers/tls';

const TIMEOUT_MS = 1_500;
/** Timers and teardown; never a second timeout. */
const MARGIN_MS = 1_000;
const NOW = wholeSecondNow();

interface Outcome {
  error?: { code: string; message: string };
  chain?: unknown[];
}

/** A plain TCP server on loopback; closes every socket on close(). */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A leaf and 99 intermediates above it, each signed by the next: a 100-certificate chain. */
function longChain(): TestCertificate[] {
  let issuer = createCertificate({ commonName: 'Fault Root', isCa: true, keyName: 'fault-ca', notAfter: addDays(NOW, 3650) });
  const cas: TestCertificate[] = [];
  for (let i = 0; i < 98; i++) {
    issuer = createCertificate({ commonName: `Fault CA ${i}`, isCa: true, issuer, keyName: 'fault-ca', notAfter: addDays(NOW, 3650) });
    cas.unshift(issuer);
  }
  const leaf = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer, keyName: 'fault-leaf' });
  return [leaf, ...cas, createCertificate({ commonName: 'Fault Root', isCa: true, keyName: 'fault-ca', notAfter: addDays(NOW, 3650) })];
}

describe('TLS fault matrix through the language server', () => {
  let client: LspTestClient;
  const closers: (() => Promise<void>)[] = [];
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { debounceMs: 0 } } });
  });
  after(async () => {
    await client.stop();
    for (const close of closers) await close();
  });

  async function probe(port: number): Promise<{ outcome: Outcome; ms: number }> {
    const started = performance.now();
    const outcome = await client.request<Outcome>('workspace/executeCommand', {
      command: 'incidentDocs.checkLiveCert',
      arguments: [{ host: '127.0.0.1', port, timeoutMs: TIMEOUT_MS }],
    });
    return { outcome, ms: performance.now() - started };
  }

  async function stillServing(): Promise<void> {
    const uri = 'untitled:alive.md';
    await client.open(uri, '# Post-mortem\n\n## Timeline\n\n- 16:04pm it broke\n');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(published.diagnostics.some((d) => d.code === 'pm/invalid-time'));
    await client.close(uri);
  }

  it('one byte per second (a TLS record header, trickled): timeout, within the bound', async () => {
    const header = Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3f, 0xfc]);
    const server = await rawServer((socket) => {
      let i = 0;
      const timer = setInterval(() => (i < header.length ? socket.write(header.subarray(i, ++i)) : socket.write(randomBytes(1))), 1_000);
      socket.on('close', () => clearInterval(timer));
    });
    closers.push(server.close);
    const { outcome, ms } = await probe(server.port);
    assert.equal(outcome.error?.code, 'timeout', JSON.stringify(outcome));
    assert.ok(ms < TIMEOUT_MS + MARGIN_MS, `${ms} ms`);
    await stillServing();
  });

  it('a 100-certificate chain: read in full, within the bound', async (t) => {
    const chain = longChain();
    assert.equal(chain.length, 100);
    const server = await startTlsServer({ chain });
    closers.push(server.close);
    const { outcome, ms } = await probe(server.port);
    assert.ok(ms < TIMEOUT_MS + MARGIN_MS, `${ms} ms`);
    // Either the whole chain is described, or OpenSSL's chain limit is reported as a classified failure.
    t.diagnostic(outcome.error ? `classified: ${outcome.error.code}` : `chain of ${outcome.chain?.length} read in ${Math.round(ms)} ms`);
    if (outcome.error) assert.match(outcome.error.code, /^(reset|not-tls|unreachable)$/, JSON.stringify(outcome.error));
    else assert.ok((outcome.chain?.length ?? 0) >= 2, `chain of ${outcome.chain?.length}`);
    await stillServing();
  });

  it('a reset in the middle of the handshake (after the ServerHello starts): reset', async () => {
    const cert = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], keyName: 'fault-leaf' });
    const upstream = await startTlsServer({ chain: [cert] });
    closers.push(upstream.close);
    // A proxy that passes the ClientHello on, forwards the first bytes of the answer, then sends a TCP RST.
    const proxy = await rawServer((socket) => {
      const up = net.connect(upstream.port, '127.0.0.1');
      up.on('error', () => {});
      socket.pipe(up);
      up.once('data', (chunk: Buffer) => {
        socket.write(chunk.subarray(0, Math.min(20, chunk.length)), () => socket.resetAndDestroy());
        up.destroy();
      });
    });
    closers.push(proxy.close);
    const { outcome, ms } = await probe(proxy.port);
    assert.equal(outcome.error?.code, 'reset', JSON.stringify(outcome));
    assert.ok(ms < TIMEOUT_MS + MARGIN_MS, `${ms} ms`);
    await stillServing();
  });

  it('garbage (64 KB of random bytes): not-tls or reset, within the bound', async () => {
    const server = await startRawServer(randomBytes(64 * 1024));
    closers.push(server.close);
    const { outcome, ms } = await probe(server.port);
    assert.match(outcome.error?.code ?? 'none', /^(not-tls|reset)$/, JSON.stringify(outcome));
    assert.ok(ms < TIMEOUT_MS + MARGIN_MS, `${ms} ms`);
    await stillServing();
  });
});

import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { after, describe, it } from 'node:test';
import { ProbeInputError, isProbeFailure, probeMany, type ProbeOptions } from '../../../server/src/core/live';
import {
  closedPort,
  countOpenSockets,
  createCertificate,
  startHttpServer,
  startSilentServer,
  startTlsServer,
  type TestServer,
} from '../../helpers/tls';

const servers: TestServer[] = [];

/**
 * Counts probes in flight from the client's side (the server sees a close only a moment later):
 * a probe starts when it resolves its name, and ends when onProgress hears of it.
 */
function inFlightCounter() {
  const counter = { current: 0, max: 0, lookup: undefined as unknown as LookupFunction, ended: () => counter.current-- };
  counter.lookup = ((_host: string, options: { all?: boolean }, callback: (e: null, ...answer: unknown[]) => void) => {
    counter.current++;
    counter.max = Math.max(counter.max, counter.current);
    // With Happy Eyeballs (Node's default) net asks for every address at once.
    const answer = options.all ? [[{ address: '127.0.0.1', family: 4 }]] : ['127.0.0.1', 4];
    process.nextTick(() => callback(null, ...answer));
  }) as unknown as LookupFunction;
  return counter;
}
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('probeMany', () => {
  it('holds no more sockets open than `concurrency`, closes included: a probe settles once its socket is closed', async () => {
    const server = await startTlsServer({ chain: [createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], keyBits: 1024 })] });
    servers.push(server);
    const targets: ProbeOptions[] = Array.from({ length: 40 }, () => ({ host: '127.0.0.1', port: server.port, timeoutMs: 5_000 }));
    const { result, max } = await countOpenSockets(() => probeMany(targets, { concurrency: 4 }));
    assert.ok(result.every((o) => !isProbeFailure(o)), JSON.stringify(result.find(isProbeFailure)));
    // Settling at destroy() instead of 'close' left up to 8 open here.
    assert.equal(max, 4);
  });

  it('never has more than `concurrency` connections open, and reports progress for each', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const timeoutMs = 500;
    const inFlight = inFlightCounter();
    const targets: ProbeOptions[] = Array.from({ length: 6 }, () => ({
      host: 'silent.test',
      port: silent.port,
      timeoutMs,
      lookup: inFlight.lookup,
    }));
    const progress: number[] = [];
    const started = performance.now();
    const outcomes = await probeMany(targets, {
      concurrency: 2,
      onProgress: ({ done, total }) => {
        inFlight.ended();
        progress.push(done * 10 + total);
      },
    });
    const elapsed = performance.now() - started;
    assert.equal(silent.accepted, 6);
    assert.equal(inFlight.max, 2);
    assert.deepEqual(progress, [16, 26, 36, 46, 56, 66]);
    assert.ok(outcomes.every((o) => isProbeFailure(o) && o.error.code === 'timeout'));
    // Three rounds of two: at least three timeouts long, and not six (one at a time); the margin
    // between is for a loaded machine.
    assert.ok(elapsed >= 3 * timeoutMs - 10 && elapsed < 6 * timeoutMs, `took ${Math.round(elapsed)} ms`);
  });

  it('defaults to 16 at a time', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const inFlight = inFlightCounter();
    const targets = Array.from({ length: 20 }, () => ({ host: 'silent.test', port: silent.port, timeoutMs: 150, lookup: inFlight.lookup }));
    await probeMany(targets, { onProgress: inFlight.ended });
    assert.equal(silent.accepted, 20);
    assert.equal(inFlight.max, 16);
  });

  it('returns outcomes in the order of the targets', async () => {
    const tls = await startTlsServer({ chain: [createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], keyBits: 1024 })] });
    const http = await startHttpServer();
    servers.push(tls, http);
    const closed = await closedPort();
    const targets: ProbeOptions[] = [
      { host: '127.0.0.1', port: http.port },
      { host: '127.0.0.1', port: tls.port },
      { host: '127.0.0.1', port: closed },
      { host: 'localhost', port: tls.port },
    ];
    const outcomes = await probeMany(targets, { concurrency: 3 });
    assert.deepEqual(
      outcomes.map((o) => (isProbeFailure(o) ? o.error.code : `${o.host}:${o.subject}`)),
      ['not-tls', '127.0.0.1:CN=localhost', 'refused', 'localhost:CN=localhost'],
    );
  });

  it('refuses a malformed target before connecting anywhere, naming it', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    await assert.rejects(
      probeMany([
        { host: '127.0.0.1', port: silent.port },
        { host: 'bad host', port: 443 },
      ]),
      (e: unknown) => e instanceof ProbeInputError && /Target 2 \(bad host\)/.test(e.message),
    );
    assert.equal(silent.accepted, 0);
    await assert.rejects(probeMany([], { concurrency: 0 }), ProbeInputError);
  });

  it('returns an empty list for no targets', async () => {
    assert.deepEqual(await probeMany([]), []);
  });
});

/**
 * P4: `incident-docs lint --live` over 500 inventory entries vs a serial `openssl s_client` loop
 * (what cron scripts such as ssl-cert-check do) over the same 500 endpoints.
 *
 * What is compared: the endpoints are 500 TLS listeners on loopback (one key and certificate,
 * 500 ports) in this process. Our side is one `lint --live` process with bounded concurrency;
 * the peer is a shell loop that runs `openssl s_client | openssl x509 -enddate` per endpoint,
 * one after the other. Both complete a full handshake per endpoint; neither leaves loopback, so
 * network latency (where concurrency helps most) is absent: the ratio is a lower bound.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { liveInventory } from '../gen/inventory';
import { summarize, type Summary } from '../lib/stats';
import { addDays, countOpenSockets, createCertificate } from '../../test/helpers/tls';
import { run } from './process';
import { probeMany } from '../../server/src/core/live';
import { isProbeFailure } from '../../server/src/core/live/types';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

export interface LiveResult {
  endpoints: number;
  concurrency: number;
  ours: Summary;
  peer?: Summary;
  /** Most connections open at once, across every listener, during our runs (the servers' view). */
  maxOpen: number;
  /** Most TCP connections the probing side had open at once: probeMany in this process, same endpoints and bound. */
  clientMaxOpen: number;
  /** Connections accepted over all runs (ours and the peer's). */
  handshakes: number;
}

interface Listeners {
  ports: number[];
  counters: { open: number; maxOpen: number; handshakes: number };
  /** Ends every connection still open (openssl may leave some half-open) and restarts the open count. */
  dropAll(): void;
  close(): Promise<void>;
}

async function listen(count: number): Promise<Listeners> {
  const cert = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(new Date(), 200) });
  const counters = { open: 0, maxOpen: 0, handshakes: 0 };
  const servers: tls.Server[] = [];
  const ports: number[] = [];
  // server.close() waits for every connection to end; a client that leaves one half-open would
  // hold the run forever, so close() destroys what is left first.
  const sockets = new Set<import('node:net').Socket>();
  for (let i = 0; i < count; i++) {
    const server = tls.createServer({ key: cert.keyPem, cert: cert.certPem });
    server.on('connection', (socket) => {
      sockets.add(socket);
      counters.open++;
      counters.handshakes++; // connections: with TLS 1.3 the probe may hang up before the server sees its handshake end
      counters.maxOpen = Math.max(counters.maxOpen, counters.open);
      socket.once('close', () => {
        if (sockets.delete(socket)) counters.open--;
      });
      socket.on('error', () => {});
    });
    server.on('secureConnection', (socket) => {
      socket.on('error', () => {});
      socket.end();
    });
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push((server.address() as { port: number }).port);
    servers.push(server);
  }
  return {
    ports,
    counters,
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      counters.open = 0;
      counters.maxOpen = 0;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
    },
  };
}

export async function measureLive(dir: string, endpoints: number, concurrency: number, runs: number, withPeer: boolean): Promise<LiveResult> {
  const listeners = await listen(endpoints);
  try {
    const inventoryFile = join(dir, 'live-inventory.yaml');
    writeFileSync(inventoryFile, liveInventory(listeners.ports.map((port) => ({ host: '127.0.0.1', port }))));
    const loop = join(dir, 'openssl-loop.sh');
    writeFileSync(loop, opensslLoop(listeners.ports));
    const ours: number[] = [];
    const peer: number[] = [];
    let maxOpen = 0;
    for (let i = 0; i < runs; i++) {
      // Only our runs count towards the concurrency check; the peer's leftovers are dropped first.
      listeners.dropAll();
      const before = listeners.counters.handshakes;
      const a = await run(process.execPath, [CLI, 'lint', '--live', '--concurrency', String(concurrency), '--timeout', '10000', '--now', new Date().toISOString(), '--format', 'json', inventoryFile], dir);
      if (a.code !== 0 && a.code !== 1) throw new Error(`lint --live failed (${a.code}): ${a.stderr}`);
      const unreachable = (JSON.parse(a.stdout) as { rule: string; message: string }[]).filter((f) => f.rule === 'cert/live-unreachable');
      if (unreachable.length) throw new Error(`lint --live: ${unreachable.length} endpoints unreachable, e.g. ${unreachable[0].message}`);
      ours.push(a.ms);
      maxOpen = Math.max(maxOpen, listeners.counters.maxOpen);
      if (listeners.counters.handshakes - before < endpoints) throw new Error(`lint --live made ${listeners.counters.handshakes - before} connections, not ${endpoints}`);
      if (!withPeer) continue;
      const b = await run('bash', [loop], dir);
      if (b.code !== 0) throw new Error(`openssl loop failed (${b.code}): ${b.stderr}`);
      const dates = b.stdout.split('\n').filter((l) => l.startsWith('notAfter=')).length;
      if (dates !== endpoints) throw new Error(`openssl loop read ${dates} certificates, not ${endpoints}`);
      peer.push(b.ms);
    }
    listeners.dropAll();
    const clientMaxOpen = await clientSideMaxOpen(listeners.ports, concurrency);
    return {
      endpoints,
      concurrency,
      clientMaxOpen,
      ours: summarize(ours),
      peer: peer.length ? summarize(peer) : undefined,
      maxOpen,
      handshakes: listeners.counters.handshakes,
    };
  } finally {
    await listeners.close();
  }
}

/** The bound as the prober sees it: the same probeMany the CLI runs, same endpoints and bound, its sockets counted. */
async function clientSideMaxOpen(ports: number[], concurrency: number): Promise<number> {
  const { result: outcomes, max } = await countOpenSockets(() =>
    probeMany(ports.map((port) => ({ host: '127.0.0.1', port, timeoutMs: 10_000 })), { concurrency }),
  );
  const failed = outcomes.filter(isProbeFailure);
  if (failed.length) throw new Error(`in-process probes: ${failed.length} failed`);
  if (max === 0) throw new Error('in-process probes: no connection was counted');
  return max;
}

/** The cron-script way: one s_client per endpoint, its certificate's notAfter through x509. */
function opensslLoop(ports: number[]): string {
  return [
    '#!/usr/bin/env bash',
    'set -u',
    `for port in ${ports.join(' ')}; do`,
    '  echo | openssl s_client -connect "127.0.0.1:$port" 2>/dev/null | openssl x509 -noout -enddate',
    'done',
    '',
  ].join('\n');
}

/**
 * P4b: `incident-docs lint --live` at network scale. On bare loopback there is no latency for
 * concurrency to hide (P4); here every endpoint sits behind a proxy that holds each chunk 50 ms
 * each way (bench/lib/latencyProxy.ts), so a probe costs the round trips it costs over a network.
 * The floor is the ideal schedule: ceil(n / concurrency) rounds of one probe's time through the
 * proxy (taken in this process, same probe code, one endpoint at a time). The proxy counts the
 * connections open at once, which is what `--concurrency` promises to bound.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { liveInventory } from '../gen/inventory';
import { startLatencyProxy } from '../lib/latencyProxy';
import { summarize, type Summary } from '../lib/stats';
import { addDays, createCertificate } from '../../test/helpers/tls';
import { probeMany } from '../../server/src/core/live';
import { isProbeFailure } from '../../server/src/core/live/types';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const PEAK_RSS = join(__dirname, 'peakRss.cjs');

export interface LiveLatencyResult {
  endpoints: number;
  concurrency: number;
  oneWayMs: number;
  /** One probe through the proxy (ms). */
  probe: Summary;
  /** ceil(n / concurrency) × the median probe (ms). */
  ideal: number;
  /** `lint --live`, whole process (ms). */
  ours: Summary;
  peakRssMb: Summary;
  /** Most connections the proxy held open at once during our runs. */
  maxOpen: number;
}

export async function measureLiveLatency(endpoints: number, concurrency: number, oneWayMs: number, runs: number): Promise<LiveLatencyResult> {
  const cert = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(new Date(), 200) });
  const backend = tls.createServer({ key: cert.keyPem, cert: cert.certPem }, (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  backend.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const proxy = await startLatencyProxy({ endpoints, backend: { host: '127.0.0.1', port: (backend.address() as { port: number }).port }, oneWayMs });
  const dir = mkdtempSync(join(tmpdir(), 'incident-docs-bench-p4b-'));
  try {
    const probe = await oneProbe(proxy.ports[0], runs * 3);
    const inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, liveInventory(proxy.ports.map((port) => ({ host: '127.0.0.1', port }))));
    const walls: number[] = [];
    const peaks: number[] = [];
    let maxOpen = 0;
    for (let i = 0; i < runs; i++) {
      proxy.reset();
      const usage = join(dir, `usage-${i}`);
      process.env.BENCH_PEAK_RSS_FILE = usage;
      const r = await run(process.execPath, ['--require', PEAK_RSS, CLI, 'lint', '--live', '--concurrency', String(concurrency), '--timeout', '10000', '--now', new Date().toISOString(), '--format', 'json', inventory], dir);
      delete process.env.BENCH_PEAK_RSS_FILE;
      if (r.code !== 0 && r.code !== 1) throw new Error(`lint --live failed (${r.code}): ${r.stderr.slice(0, 300)}`);
      const unreachable = (JSON.parse(r.stdout) as { rule: string; message: string }[]).filter((f) => f.rule === 'cert/live-unreachable');
      if (unreachable.length) throw new Error(`lint --live: ${unreachable.length} endpoints unreachable, e.g. ${unreachable[0].message}`);
      if (proxy.counters.accepted < endpoints) throw new Error(`lint --live made ${proxy.counters.accepted} connections through the proxy, not ${endpoints}`);
      if (proxy.counters.dropped) throw new Error(`the proxy dropped ${proxy.counters.dropped} connections (over its bound)`);
      walls.push(r.ms);
      peaks.push((JSON.parse(readFileSync(usage, 'utf8')) as { maxRSS: number }).maxRSS / 1024);
      maxOpen = Math.max(maxOpen, proxy.counters.maxOpen);
    }
    return {
      endpoints,
      concurrency,
      oneWayMs,
      probe,
      ideal: Math.ceil(endpoints / concurrency) * probe.median,
      ours: summarize(walls),
      peakRssMb: summarize(peaks),
      maxOpen,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await proxy.close();
    await new Promise<void>((resolve) => backend.close(() => resolve()));
  }
}

/** One endpoint probed at a time, as the CLI probes it (after one warm-up). */
async function oneProbe(port: number, samples: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const started = performance.now();
    const [outcome] = await probeMany([{ host: '127.0.0.1', port, timeoutMs: 10_000 }], { concurrency: 1 });
    if (isProbeFailure(outcome)) throw new Error(`a probe through the proxy failed: ${JSON.stringify(outcome).slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - started);
  }
  return summarize(times);
}

/**
 * Debian's blackbox_exporter for the export tests: started on an exported blackbox.yml at a free
 * loopback port, ready once it answers /-/healthy, stopped and waited for by the test.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { closedPort } from '../helpers/tls';

const BLACKBOX = '/usr/bin/prometheus-blackbox-exporter';

export interface BlackboxExporter {
  /** host:port it listens on. */
  address: string;
  stop(): Promise<void>;
}

export async function startBlackboxExporter(configFile: string): Promise<BlackboxExporter> {
  assert.ok(fs.existsSync(BLACKBOX), `${BLACKBOX} is missing: bash scripts/test-setup.sh installs prometheus-blackbox-exporter`);
  const address = `127.0.0.1:${await closedPort()}`;
  const exporter = spawn(BLACKBOX, [`--config.file=${configFile}`, `--web.listen-address=${address}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  exporter.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (exporter.exitCode !== null || exporter.signalCode !== null) return;
    const exited = new Promise((resolve) => exporter.once('exit', resolve));
    exporter.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForHttp(`http://${address}/-/healthy`, exporter, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { address, stop };
}

/** One sample of a metric without labels, from the Prometheus text format. */
export function sample(metrics: string, name: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} not in:\n${metrics}`);
  return Number(line.slice(name.length + 1).trim());
}

/** Polls until the exporter answers (or exits); the deadline bounds a failure only, so it is generous. */
async function waitForHttp(url: string, process: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`blackbox exporter exited (${process.exitCode}):\n${stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`blackbox exporter did not answer at ${url}:\n${stderr()}`);
}

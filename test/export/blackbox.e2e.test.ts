/**
 * End to end: an inventory exported, Debian's blackbox_exporter started on the exported
 * blackbox.yml, and its /probe endpoint asked about local TLS servers: the expiry it reports is
 * the certificate's notAfter, for a valid and for an expired certificate alike.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort, createCertificate, startTlsServer, type TestCertificate, type TestTlsServer } from '../helpers/tls';
import { exportInventory, type Exported } from './helpers';

const BLACKBOX = '/usr/bin/prometheus-blackbox-exporter';

/** Fixed dates: the exporter reads them from the certificate, so no clock is involved. */
const VALID_UNTIL = new Date('2031-05-06T07:08:09Z');
const EXPIRED_ON = new Date('2021-02-03T04:05:06Z');

/** One sample of a metric without labels, from the Prometheus text format. */
function sample(metrics: string, name: string): number {
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
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`blackbox exporter did not answer at ${url}:\n${stderr()}`);
}

describe('export prometheus: blackbox_exporter end to end', () => {
  let valid: TestCertificate;
  let expired: TestCertificate;
  let servers: TestTlsServer[] = [];
  let exported: Exported;
  let exporter: ChildProcess | undefined;
  let exporterAddress = '';
  let exporterLog = '';

  before(async () => {
    assert.ok(fs.existsSync(BLACKBOX), `${BLACKBOX} is missing: bash scripts/test-setup.sh installs prometheus-blackbox-exporter`);
    valid = createCertificate({ commonName: 'localhost', ipAddresses: ['127.0.0.1'], notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: VALID_UNTIL });
    expired = createCertificate({ commonName: 'old.localhost', ipAddresses: ['127.0.0.1'], notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: EXPIRED_ON });
    servers = [await startTlsServer({ chain: [valid] }), await startTlsServer({ chain: [expired] })];
    exported = exportInventory(
      [
        'certificates:',
        '  - name: local-valid',
        `    hosts: ["${servers[0].target}"]`,
        '    expires: 2031-05-06T07:08:09Z',
        '  - name: local-expired',
        `    hosts: ["${servers[1].target}"]`,
        '    expires: 2021-02-03T04:05:06Z',
        '',
      ].join('\n'),
    );
    exporterAddress = `127.0.0.1:${await closedPort()}`;
    exporter = spawn(BLACKBOX, [`--config.file=${path.join(exported.dir, 'out', 'blackbox.yml')}`, `--web.listen-address=${exporterAddress}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    exporter.stderr!.on('data', (chunk: Buffer) => (exporterLog += chunk.toString()));
    await waitForHttp(`http://${exporterAddress}/-/healthy`, exporter, () => exporterLog);
  });

  after(async () => {
    if (exporter && exporter.exitCode === null) {
      const exited = new Promise((resolve) => exporter!.once('exit', resolve));
      exporter.kill('SIGTERM');
      await exited;
    }
    await Promise.all(servers.map((s) => s.close()));
  });

  for (const [cert, index, notAfter] of [
    ['local-valid', 0, VALID_UNTIL],
    ['local-expired', 1, EXPIRED_ON],
  ] as const) {
    it(`probe_ssl_earliest_cert_expiry of ${cert} is its certificate's notAfter`, async () => {
      const group = exported.targets.find((g) => g.labels.cert === cert);
      assert.ok(group, `${cert} exported`);
      assert.deepEqual(group.targets, [servers[index].target]);
      const url = `http://${exporterAddress}/probe?${new URLSearchParams({ target: group.targets[0], module: 'tls_connect' })}`;
      const response = await fetch(url);
      assert.equal(response.status, 200);
      const metrics = await response.text();
      assert.equal(sample(metrics, 'probe_success'), 1, `the TLS module measures ${cert} without verifying it:\n${metrics}`);
      assert.equal(sample(metrics, 'probe_ssl_earliest_cert_expiry'), notAfter.getTime() / 1000);
      assert.ok(servers[index].accepted >= 1, 'the probe reached our server');
    });
  }
});

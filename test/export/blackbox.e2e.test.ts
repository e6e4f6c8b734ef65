/**
 * End to end: an inventory exported, Debian's blackbox_exporter started on the exported
 * blackbox.yml, and its /probe endpoint asked about local TLS servers: the expiry it reports is
 * the certificate's notAfter, for a valid and for an expired certificate alike.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCertificate, startTlsServer, type TestCertificate, type TestTlsServer } from '../helpers/tls';
import { sample, startBlackboxExporter, type BlackboxExporter } from './blackbox';
import { exportInventory, type Exported } from './helpers';


/** Fixed dates: the exporter reads them from the certificate, so no clock is involved. */
const VALID_UNTIL = new Date('2031-05-06T07:08:09Z');
const EXPIRED_ON = new Date('2021-02-03T04:05:06Z');



describe('export prometheus: blackbox_exporter end to end', () => {
  let valid: TestCertificate;
  let expired: TestCertificate;
  let servers: TestTlsServer[] = [];
  let exported: Exported;
  let exporter: BlackboxExporter | undefined;

  before(async () => {
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
    exporter = await startBlackboxExporter(path.join(exported.dir, 'out', 'blackbox.yml'));
  });

  after(async () => {
    await exporter?.stop();
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
      const url = `http://${exporter!.address}/probe?${new URLSearchParams({ target: group.targets[0], module: 'tls_connect' })}`;
      const response = await fetch(url);
      assert.equal(response.status, 200);
      const metrics = await response.text();
      assert.equal(sample(metrics, 'probe_success'), 1, `the TLS module measures ${cert} without verifying it:\n${metrics}`);
      assert.equal(sample(metrics, 'probe_ssl_earliest_cert_expiry'), notAfter.getTime() / 1000);
      assert.ok(servers[index].accepted >= 1, 'the probe reached our server');
    });
  }
});

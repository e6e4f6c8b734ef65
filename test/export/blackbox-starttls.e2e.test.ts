/**
 * End to end over STARTTLS: an inventory of smtp://, smtps://, imap://, imaps://, pop3:// and
 * pop3s:// hosts on Debian's Postfix and Dovecot (started here with a certificate made here) and of
 * ldap:// and postgres:// hosts, exported; Debian's blackbox_exporter is started on the exported
 * blackbox.yml and asked, through the module each target group names, about every host.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDovecot, startPostfix, type Daemon } from '../helpers/daemons';
import { createCertificate } from '../helpers/tls';
import { sample, startBlackboxExporter, type BlackboxExporter } from './blackbox';
import { exportInventory, type Exported } from './helpers';

/** A fixed date: the exporter reads it from the certificate, so no clock is involved. */
const NOT_AFTER = new Date('2032-03-04T05:06:07Z');



describe('export prometheus over STARTTLS: blackbox_exporter against Postfix and Dovecot', () => {
  const certificate = createCertificate({ commonName: 'localhost', ipAddresses: ['127.0.0.1'], notBefore: new Date('2022-01-01T00:00:00Z'), notAfter: NOT_AFTER, keyName: 'daemon' });
  let postfix: Daemon;
  let dovecot: Daemon;
  let exported: Exported;
  let exporter: BlackboxExporter | undefined;

  before(async () => {
    [postfix, dovecot] = await Promise.all([startPostfix({ certificate }), startDovecot({ certificate })]);
    const at = (daemon: Daemon, listener: string) => `127.0.0.1:${daemon.ports[listener]}`;
    exported = exportInventory(
      [
        'certificates:',
        '  - name: mail-relay',
        `    hosts: ["smtp://${at(postfix, 'smtp')}", "smtps://${at(postfix, 'smtps')}"]`,
        '    expires: 2032-03-04T05:06:07Z',
        '  - name: mailbox',
        '    protocol: imap',
        `    hosts: ["${at(dovecot, 'imap')}", "imaps://${at(dovecot, 'imaps')}", "pop3://${at(dovecot, 'pop3')}", "pop3s://${at(dovecot, 'pop3s')}"]`,
        '    expires: 2032-03-04T05:06:07Z',
        '  - name: directory',
        '    hosts: ["ldap://ldap.example.com", "postgres://db.example.com", "postgres://db2.example.com:6432"]',
        '    expires: 2032-03-04T05:06:07Z',
        '',
      ].join('\n'),
    );
    exporter = await startBlackboxExporter(path.join(exported.dir, 'out', 'blackbox.yml'));
  });

  after(async () => {
    await exporter?.stop();
    await Promise.all([postfix?.stop(), dovecot?.stop()]);
  });

  it('maps each scheme to a module: STARTTLS through query_response, implicit TLS through tls_connect', () => {
    const groups = exported.targets.map((g) => ({ cert: g.labels.cert, module: g.labels.__param_module ?? 'tls_connect', targets: g.targets }));
    const at = (daemon: Daemon, listener: string) => `127.0.0.1:${daemon.ports[listener]}`;
    assert.deepEqual(groups, [
      { cert: 'mail-relay', module: 'tls_connect', targets: [at(postfix, 'smtps')] },
      { cert: 'mail-relay', module: 'smtp_starttls', targets: [at(postfix, 'smtp')] },
      { cert: 'mailbox', module: 'tls_connect', targets: [at(dovecot, 'imaps'), at(dovecot, 'pop3s')] },
      { cert: 'mailbox', module: 'imap_starttls', targets: [at(dovecot, 'imap')] },
      { cert: 'mailbox', module: 'pop3_starttls', targets: [at(dovecot, 'pop3')] },
    ]);
    const modules = exported.blackbox.modules as Record<string, { prober: string; tcp?: { query_response?: { starttls?: boolean }[] } }>;
    for (const name of ['smtp_starttls', 'imap_starttls', 'pop3_starttls']) {
      assert.equal(modules[name].prober, 'tcp');
      assert.ok(modules[name].tcp?.query_response?.some((step) => step.starttls === true), name);
    }
    assert.equal(modules.ftp_auth_tls, undefined, 'only the modules the inventory needs');
  });

  it('says on stderr which schemes blackbox_exporter cannot probe, and that lint --live checks them', () => {
    const lines = exported.run.stderr.split('\n').filter((l) => l.includes('cannot probe'));
    assert.deepEqual(lines, [
      'incident-docs: warning: blackbox_exporter cannot probe ldap:// (LDAP StartTLS, a binary extended operation): 1 target left out of targets.json (ldap.example.com:389); `incident-docs lint --live` checks them',
      "incident-docs: warning: blackbox_exporter cannot probe postgres:// (PostgreSQL's binary SSLRequest): 2 targets left out of targets.json (db.example.com:5432, db2.example.com:6432); `incident-docs lint --live` checks them",
    ]);
  });

  it('probe_success is 1 and probe_ssl_earliest_cert_expiry the notAfter, for every target through its module', async () => {
    for (const group of exported.targets) {
      for (const target of group.targets) {
        const module = group.labels.__param_module ?? 'tls_connect';
        const response = await fetch(`http://${exporter!.address}/probe?${new URLSearchParams({ target, module, debug: 'true' })}`);
        assert.equal(response.status, 200);
        const body = await response.text();
        assert.equal(sample(body, 'probe_success'), 1, `${group.labels.cert} ${target} through ${module}:\n${body}\n${postfix.log()}\n${dovecot.log()}`);
        assert.equal(sample(body, 'probe_ssl_earliest_cert_expiry'), NOT_AFTER.getTime() / 1000, `${target} through ${module}`);
      }
    }
  });
});

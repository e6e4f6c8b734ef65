/** PostgreSQL 15 (Debian's package) with ssl = on, and with ssl = off. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { daemonAvailable, startPostgres, type Daemon } from '../../../helpers/daemons';
import { assertLikeOpenssl, daemonCertificate, refusal } from './helpers';

const certificate = daemonCertificate(44);

describe('PostgreSQL', { skip: !daemonAvailable('/usr/lib/postgresql/15/bin/postgres') && 'bash scripts/test-setup.sh installs postgresql' }, () => {
  let withTls: Daemon;
  let without: Daemon;
  before(async () => {
    [withTls, without] = await Promise.all([startPostgres({ certificate }), startPostgres({})]);
  });
  after(async () => {
    await Promise.all([withTls?.stop(), without?.stop()]);
  });

  it('postgres:// (SSLRequest): the certificate openssl s_client -starttls postgres reads', async () => {
    await assertLikeOpenssl(withTls, 'postgres', 'postgres');
  });

  it('ssl = off: starttls-refused, the server answering "N"', async () => {
    assert.match(await refusal(without, 'postgres', 'postgres'), /answered the SSLRequest with "N": the server does not accept TLS/);
  });
});

/** OpenLDAP's slapd (Debian's package): the StartTLS extended operation and ldaps, and slapd without TLS. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { daemonAvailable, startSlapd, type Daemon } from '../../../helpers/daemons';
import { assertLikeOpenssl, daemonCertificate, refusal } from './helpers';

const certificate = daemonCertificate(43);

describe('slapd', { skip: !daemonAvailable('/usr/sbin/slapd') && 'bash scripts/test-setup.sh installs slapd' }, () => {
  let withTls: Daemon;
  let without: Daemon;
  before(async () => {
    [withTls, without] = await Promise.all([startSlapd({ certificate }), startSlapd({})]);
  });
  after(async () => {
    await Promise.all([withTls?.stop(), without?.stop()]);
  });

  it('ldap:// (StartTLS): the certificate openssl s_client -starttls ldap reads', async () => {
    await assertLikeOpenssl(withTls, 'ldap', 'ldap');
  });

  it('ldaps:// (implicit TLS)', async () => {
    await assertLikeOpenssl(withTls, 'ldaps', null);
  });

  it('without TLS: starttls-refused, with the result code and slapd\'s message', async () => {
    assert.match(await refusal(without, 'ldap', 'ldap'), /answered StartTLS with result 2 \(protocolError\): "unsupported extended operation"/);
  });
});

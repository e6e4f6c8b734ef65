/** Postfix (Debian's package), STARTTLS on smtp and implicit TLS on smtps, and Postfix without TLS. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { daemonAvailable, startPostfix, type Daemon } from '../../../helpers/daemons';
import { assertLikeOpenssl, daemonCertificate, refusal } from './helpers';

const certificate = daemonCertificate(41);

describe('Postfix', { skip: !daemonAvailable('/usr/sbin/postfix') && 'bash scripts/test-setup.sh installs postfix' }, () => {
  let withTls: Daemon;
  let without: Daemon;
  before(async () => {
    [withTls, without] = await Promise.all([startPostfix({ certificate }), startPostfix({})]);
  });
  after(async () => {
    await Promise.all([withTls?.stop(), without?.stop()]);
  });

  it('smtp:// (STARTTLS): the certificate openssl s_client -starttls smtp reads', async () => {
    await assertLikeOpenssl(withTls, 'smtp', 'smtp');
  });

  it('smtps:// (implicit TLS): the certificate openssl s_client -connect reads', async () => {
    await assertLikeOpenssl(withTls, 'smtps', null);
  });

  it('without TLS: starttls-refused, with Postfix\'s reply', async () => {
    assert.match(await refusal(without, 'smtp', 'smtp'), /does not offer STARTTLS \(not in its EHLO reply\) and answered STARTTLS with "502 5\.5\.1 Error: command not implemented"/);
  });
});

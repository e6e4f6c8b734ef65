/** Dovecot (Debian's packages): IMAP STARTTLS and imaps, POP3 STLS and pop3s, and Dovecot without TLS. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { daemonAvailable, startDovecot, type Daemon } from '../../../helpers/daemons';
import { assertLikeOpenssl, daemonCertificate, refusal } from './helpers';

const certificate = daemonCertificate(42);

describe('Dovecot', { skip: !daemonAvailable('/usr/sbin/dovecot') && 'bash scripts/test-setup.sh installs dovecot-imapd and dovecot-pop3d' }, () => {
  let withTls: Daemon;
  let without: Daemon;
  before(async () => {
    [withTls, without] = await Promise.all([startDovecot({ certificate }), startDovecot({})]);
  });
  after(async () => {
    await Promise.all([withTls?.stop(), without?.stop()]);
  });

  it('imap:// (STARTTLS): the certificate openssl s_client -starttls imap reads', async () => {
    await assertLikeOpenssl(withTls, 'imap', 'imap');
  });

  it('imaps:// (implicit TLS)', async () => {
    await assertLikeOpenssl(withTls, 'imaps', null);
  });

  it('pop3:// (STLS): the certificate openssl s_client -starttls pop3 reads', async () => {
    await assertLikeOpenssl(withTls, 'pop3', 'pop3');
  });

  it('pop3s:// (implicit TLS)', async () => {
    await assertLikeOpenssl(withTls, 'pop3s', null);
  });

  it('without TLS: starttls-refused, with Dovecot\'s replies', async () => {
    assert.match(await refusal(without, 'imap', 'imap'), /answered STARTTLS with "a1 BAD TLS support isn't enabled\."/);
    assert.match(await refusal(without, 'pop3', 'pop3'), /answered STLS with "-ERR TLS support isn't enabled\."/);
  });
});

/**
 * STARTTLS dialogues against small in-test servers on 127.0.0.1: MySQL, FTP and XMPP (whose
 * dialogue is first checked with `openssl s_client -starttls` against the same server), and the
 * edge cases every dialogue shares (bounds, silence, refusals, bytes after the go-ahead, a
 * hang-up), through a scripted SMTP server. The real daemons are in test/core/live/daemons/.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isProbeFailure, probeCertificate, type ProbeErrorCode, type ProbeOptions, type ProbeResult } from '../../../server/src/core/live';
import { START_TLS_REQUEST } from '../../../server/src/core/live/starttls/ldap';
import { sClient, startScriptedServer, type ScriptedServer, type ServerTalk } from '../../helpers/starttls';
import { addDays, closedPort, createCertificate, wholeSecondNow } from '../../helpers/tls';

const NOW = wholeSecondNow();
const cert = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 60) });
/** Failing probes: long enough for a loaded machine to see the server's answer first. */
const FAILURE_TIMEOUT_MS = 3_000;

const servers: ScriptedServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(script: (talk: ServerTalk) => Promise<'tls' | 'close' | 'hold'>): Promise<ScriptedServer> {
  const server = await startScriptedServer([cert], script);
  servers.push(server);
  return server;
}

async function probe(options: ProbeOptions): Promise<ProbeResult> {
  const outcome = await probeCertificate({ timeoutMs: 10_000, now: NOW, ...options });
  assert.ok(!isProbeFailure(outcome), `expected a handshake, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function failsWith(code: ProbeErrorCode, options: ProbeOptions): Promise<string> {
  const outcome = await probeCertificate({ timeoutMs: FAILURE_TIMEOUT_MS, now: NOW, ...options });
  assert.ok(isProbeFailure(outcome), `expected ${code}, got a handshake`);
  assert.equal(outcome.error.code, code, outcome.error.message);
  return outcome.error.message;
}

// --- Scripts: the server side of each protocol, as small as the dialogue allows. ---

/** MySQL Initial Handshake (protocol 10), with or without CLIENT_SSL; then the client's SSL Request. */
function mysqlScript(offersTls: boolean) {
  return async (talk: ServerTalk) => {
    const lowerCaps = 0x0001 | 0x0200 | 0x8000 | (offersTls ? 0x0800 : 0);
    const payload = Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('8.0.36-incident-docs-test\0', 'latin1'),
      Buffer.from([1, 0, 0, 0]),
      Buffer.from('abcdefgh', 'latin1'),
      Buffer.from([0]),
      Buffer.from([lowerCaps & 0xff, lowerCaps >> 8, 0x21, 0x02, 0x00, 0x08, 0x00, 21]),
      Buffer.alloc(10),
      Buffer.from('ijklmnopqrst\0', 'latin1'),
      Buffer.from('mysql_native_password\0', 'latin1'),
    ]);
    talk.send(Buffer.concat([Buffer.from([payload.length & 0xff, payload.length >> 8, 0, 0]), payload]));
    if (!offersTls) return 'close';
    const request = await talk.bytes(36);
    assert.equal(request.readUIntLE(0, 3), 32, 'an SSL Request is 32 bytes');
    assert.ok(request.readUInt16LE(4) & 0x0800, 'it asks for CLIENT_SSL');
    return 'tls';
  };
}

function ftpScript(offersTls: boolean) {
  return async (talk: ServerTalk) => {
    talk.send('220-Welcome to the incident-docs test FTP server\r\nSecond line of the banner\r\n220 Ready\r\n');
    const command = await talk.line();
    if (command !== 'AUTH TLS') return 'close';
    if (!offersTls) {
      talk.send('502 AUTH TLS not implemented here\r\n');
      return 'close';
    }
    talk.send('234 AUTH TLS successful\r\n');
    return 'tls';
  };
}

function xmppScript(offersTls: boolean) {
  return async (talk: ServerTalk) => {
    await talk.until("version='1.0'>");
    const features = offersTls
      ? "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>"
      : "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";
    talk.send(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='t1' from='localhost' version='1.0'>${features}`,
    );
    if (!offersTls) return 'close';
    await talk.until('/>');
    talk.send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    return 'tls';
  };
}

const IN_TEST: Array<{ protocol: 'mysql' | 'ftp' | 'xmpp'; script: (offersTls: boolean) => (talk: ServerTalk) => Promise<'tls' | 'close' | 'hold'>; refusal: RegExp; extra: string[] }> = [
  { protocol: 'mysql', script: mysqlScript, refusal: /MySQL "8\.0\.36-incident-docs-test"\) does not offer TLS: no CLIENT_SSL/, extra: [] },
  { protocol: 'ftp', script: ftpScript, refusal: /answered AUTH TLS with "502 AUTH TLS not implemented here"/, extra: [] },
  { protocol: 'xmpp', script: xmppScript, refusal: /does not offer STARTTLS in its XMPP stream features/, extra: ['-xmpphost', 'localhost'] },
];

for (const { protocol, script, refusal, extra } of IN_TEST) {
  describe(`${protocol}: an in-test server checked with openssl s_client -starttls ${protocol}`, () => {
    it('the probe reads the fingerprint openssl reads from the same server', async () => {
      const server = await serve(script(true));
      const reference = await sClient(server.port, protocol, extra);
      assert.ok(reference.fingerprint, `openssl s_client -starttls ${protocol} completed no handshake:\n${reference.output}`);
      const result = await probe({ host: '127.0.0.1', port: server.port, starttls: protocol, servername: 'localhost' });
      assert.equal(result.fingerprintSha256, reference.fingerprint);
      assert.equal(result.starttls, protocol);
      assert.equal(result.notAfter, cert.notAfter.toISOString().replace('.000Z', 'Z'));
      assert.equal(server.accepted, 2, 'openssl and the probe each connected once');
      assert.ok(server.handshakes >= 1, 'the server completed a handshake');
    });

    it('a server that does not offer TLS gives starttls-refused, quoting it', async () => {
      const server = await serve(script(false));
      const reference = await sClient(server.port, protocol, extra);
      assert.equal(reference.certificatePem, undefined, `openssl agrees there is no TLS:\n${reference.output}`);
      assert.match(await failsWith('starttls-refused', { host: '127.0.0.1', port: server.port, starttls: protocol }), refusal);
    });
  });
}

// --- Shared edge cases, through SMTP. ---

const SMTP_OK = async (talk: ServerTalk) => {
  talk.send('220 mail.test ESMTP\r\n');
  await talk.line();
  talk.send('250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n');
  await talk.line();
  talk.send('220 2.0.0 Ready to start TLS\r\n');
  return 'tls' as const;
};

describe('STARTTLS dialogues: what the server may and may not do', () => {
  it('SMTP: the probe greets with an address literal and asks for STARTTLS, nothing else (no credentials)', async () => {
    const server = await serve(SMTP_OK);
    const result = await probe({ host: '127.0.0.1', port: server.port, starttls: 'smtp' });
    assert.equal(result.starttls, 'smtp');
    assert.equal(server.transcripts[0], 'EHLO [127.0.0.1]\r\nSTARTTLS\r\n');
  });

  it('a refusal is starttls-refused with the reply line, escaped and short', async () => {
    const server = await serve(async (talk) => {
      talk.send('220 mail.test ESMTP\r\n');
      await talk.line();
      talk.send('250-mail.test\r\n250 SIZE 1000\r\n');
      await talk.line();
      talk.send(`454 4.7.0 TLS not available \x1b[31mnow\x1b[0m ${'x'.repeat(300)}\r\n`);
      return 'close';
    });
    const message = await failsWith('starttls-refused', { host: '127.0.0.1', port: server.port, starttls: 'smtp' });
    assert.match(message, /does not offer STARTTLS \(not in its EHLO reply\) and answered STARTTLS with "454 4\.7\.0 TLS not available \\x1B\[31mnow/);
    assert.doesNotMatch(message, /\x1b/);
    assert.ok(message.length < 300, `quoted short: ${message}`);
  });

  it('a greeting that refuses the session is starttls-refused', async () => {
    const server = await serve(async (talk) => {
      talk.send('554 5.7.1 no service for you\r\n');
      return 'close';
    });
    assert.match(await failsWith('starttls-refused', { host: '127.0.0.1', port: server.port, starttls: 'smtp' }), /refused the SMTP session: "554 5\.7\.1 no service for you"/);
  });

  it('another protocol on the port is `protocol`', async () => {
    const server = await serve(async (talk) => {
      talk.send('SSH-2.0-OpenSSH_9.2\r\n');
      return 'hold';
    });
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'smtp' }), /did not answer as an SMTP server: it sent "SSH-2\.0-OpenSSH_9\.2"/);
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'ldap' }), /did not answer as an LDAP server/);
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'postgres' }), /that is not PostgreSQL/);
  });

  it('reads a bounded line: an endless line is `protocol`, not memory', async () => {
    const server = await serve(async (talk) => {
      talk.send(`220 ${'a'.repeat(4 * 1024)}`);
      return 'hold';
    });
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'smtp' }), /a line longer than 2048 bytes/);
  });

  it('reads a bounded total: an endless multi-line reply is `protocol`', async () => {
    const server = await serve(async (talk) => {
      talk.send('220-mail.test\r\n'.repeat(2000));
      return 'hold';
    });
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'smtp' }), /more than 8192 bytes before TLS/);
  });

  it('bytes sent after the go-ahead, before the handshake, are refused (STARTTLS injection)', async () => {
    const server = await serve(async (talk) => {
      talk.send('220 mail.test ESMTP\r\n');
      await talk.line();
      talk.send('250 STARTTLS\r\n');
      await talk.line();
      talk.send('220 Ready\r\n250 injected\r\n');
      return 'hold';
    });
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'smtp' }), /sent 14 bytes after agreeing to TLS/);
  });

  it('a silent server (such as one speaking implicit TLS) times out in the dialogue, within the timeout', async () => {
    const server = await serve(async () => 'hold');
    const started = performance.now();
    const message = await failsWith('timeout', { host: '127.0.0.1', port: server.port, starttls: 'imap', timeoutMs: 300 });
    assert.match(message, /Timed out after 300 ms: 127\.0\.0\.1:\d+ accepted the connection but the IMAP STARTTLS dialogue did not finish/);
    assert.ok(performance.now() - started < 5_000);
  });

  it('a hang-up in the middle of the dialogue is `reset`', async () => {
    const server = await serve(async (talk) => {
      talk.send('* OK IMAP ready\r\n');
      await talk.line();
      return 'close';
    });
    assert.match(await failsWith('reset', { host: '127.0.0.1', port: server.port, starttls: 'imap' }), /closed the connection during the IMAP dialogue, before TLS/);
  });

  it('nothing listening is `refused`, as for implicit TLS', async () => {
    await failsWith('refused', { host: '127.0.0.1', port: await closedPort(), starttls: 'pop3' });
  });

  it('LDAP: the request is the StartTLS extended operation, and a malformed answer is `protocol`', async () => {
    const server = await serve(async (talk) => {
      await talk.bytes(START_TLS_REQUEST.length);
      talk.send(Buffer.from([0x30, 0x05, 0x02, 0x01, 0x01, 0x78, 0x7f]));
      return 'hold';
    });
    assert.match(await failsWith('protocol', { host: '127.0.0.1', port: server.port, starttls: 'ldap' }), /without a well-formed ExtendedResponse/);
    assert.equal(server.transcripts[0], START_TLS_REQUEST.toString('latin1'));
    assert.deepEqual([...START_TLS_REQUEST.subarray(0, 9)], [0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16]);
  });

  it('an unknown protocol is an input error, before any connection', async () => {
    await assert.rejects(probeCertificate({ host: '127.0.0.1', starttls: 'gopher' as never }), /Unknown STARTTLS protocol "gopher"; known: smtp, imap/);
  });
});

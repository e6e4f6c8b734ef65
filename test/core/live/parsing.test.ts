import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysBetween, subjectAltNames, distinguishedName } from '../../../server/src/core/live/certificate';
import { classifyProbeError, describeTrustError } from '../../../server/src/core/live/errors';
import { ProbeInputError, formatHostPort, judgeCertificate, parseHostPort, type ProbeResult } from '../../../server/src/core/live';

function errno(code: string, message = `connect ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('parseHostPort', () => {
  const cases: Array<[string, string, number]> = [
    ['example.com', 'example.com', 443],
    ['Example.COM:8443', 'example.com', 8443],
    ['example.com.', 'example.com', 443],
    ['10.1.2.3:636', '10.1.2.3', 636],
    ['[::1]:8443', '::1', 8443],
    ['[::1]', '::1', 443],
    ['::1', '::1', 443],
    ['2001:db8::7', '2001:db8::7', 443],
    ['https://example.com:9443/health?x=1', 'example.com', 9443],
    ['https://[::1]/', '::1', 443],
    ['  bücher.example  ', 'xn--bcher-kva.example', 443],
    ['under_score.internal:1', 'under_score.internal', 1],
  ];
  for (const [input, host, port] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseHostPort(input), { host, port });
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['example.com:0', /1 to 65535/],
    ['example.com:65536', /1 to 65535/],
    ['example.com:https', /not a number/],
    ['example.com:', /not a number/],
    ['[::1', /missing "]"/],
    ['[::1]8443', /":PORT"/],
    ['[example.com]:443', /not an IPv6 address/],
    ['exa mple.com', /not a valid host name/],
    ['a..b', /not a valid host name/],
    ['gopher://example.com', /Unknown scheme gopher:\/\/; known: https, smtp, smtps, imap/],
    ['postgres://user:secret@db.example/app', /credentials are never sent; write postgres:\/\/HOST\[:PORT\]/],
    ['smtp://', /names no host/],
    ['2001:db8::7:443x', /IPv6 address with a port as \[ADDRESS\]:PORT/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)} with a reason`, () => {
      assert.throws(() => parseHostPort(input), (e: unknown) => e instanceof ProbeInputError && message.test(e.message));
    });
  }

  const schemes: Array<[string, string, number, string | undefined]> = [
    ['smtp://mail.example.com:587', 'mail.example.com', 587, 'smtp'],
    ['SMTP://mail.example.com', 'mail.example.com', 25, 'smtp'],
    ['smtps://mail.example.com', 'mail.example.com', 465, undefined],
    ['imap://[::1]', '::1', 143, 'imap'],
    ['imaps://imap.example.com', 'imap.example.com', 993, undefined],
    ['pop3://pop.example.com', 'pop.example.com', 110, 'pop3'],
    ['pop3s://pop.example.com', 'pop.example.com', 995, undefined],
    ['ldap://ldap.example.com/dc=example,dc=com', 'ldap.example.com', 389, 'ldap'],
    ['ldaps://ldap.example.com', 'ldap.example.com', 636, undefined],
    ['postgres://db.example.com/app?sslmode=require', 'db.example.com', 5432, 'postgres'],
    ['postgresql://db.example.com:6432', 'db.example.com', 6432, 'postgres'],
    ['mysql://db.example.com', 'db.example.com', 3306, 'mysql'],
    ['ftp://ftp.example.com', 'ftp.example.com', 21, 'ftp'],
    ['xmpp://chat.example.com', 'chat.example.com', 5222, 'xmpp'],
  ];
  for (const [input, host, port, starttls] of schemes) {
    it(`reads ${JSON.stringify(input)}: the scheme's dialogue and default port`, () => {
      assert.deepEqual(parseHostPort(input), starttls ? { host, port, starttls } : { host, port });
    });
  }

  it('never echoes a password written in an address', () => {
    assert.throws(() => parseHostPort('mysql://root:hunter2@db.example'), (e: unknown) => e instanceof ProbeInputError && !e.message.includes('hunter2'));
  });

  it('uses the given default port', () => {
    assert.deepEqual(parseHostPort('ldap.example', 636), { host: 'ldap.example', port: 636 });
  });

  it('formats IPv6 targets with brackets and round-trips', () => {
    assert.equal(formatHostPort('::1', 8443), '[::1]:8443');
    assert.equal(formatHostPort('example.com', 443), 'example.com:443');
    assert.deepEqual(parseHostPort(formatHostPort('fe80::1', 9)), { host: 'fe80::1', port: 9 });
  });
});

describe('classifyProbeError', () => {
  const cases: Array<[Error, string, RegExp]> = [
    [errno('ECONNREFUSED'), 'refused', /refused the connection/],
    [errno('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), 'dns', /Could not resolve "h.example": no such host name/],
    [errno('EAI_AGAIN'), 'dns', /temporarily/],
    [errno('ETIMEDOUT'), 'timeout', /timed out/],
    [errno('ECONNRESET', 'read ECONNRESET'), 'reset', /reset the connection/],
    [errno('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'), 'reset', /closed the connection/],
    [errno('EHOSTUNREACH'), 'unreachable', /no route to the host/],
    [errno('ENETUNREACH'), 'unreachable', /network is unreachable/],
    [errno('EADDRNOTAVAIL'), 'unreachable', /no address of that family/],
    [Object.assign(errno('ERR_SSL_WRONG_VERSION_NUMBER'), { reason: 'wrong version number' }), 'not-tls', /not with TLS \(wrong version number\)/],
    [errno('ERR_SSL_PACKET_LENGTH_TOO_LONG'), 'not-tls', /packet length too long/],
    [Object.assign(errno('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'), { reason: 'tlsv1 alert protocol version' }), 'reset', /no TLS version in common/],
    [errno('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 'reset', /aborted the TLS handshake/],
    [new Error('something odd'), 'unreachable', /something odd/],
  ];
  for (const [error, code, message] of cases) {
    it(`${(error as { code?: string }).code ?? 'no code'} → ${code}`, () => {
      const { error: classified } = classifyProbeError(error, 'h.example:443', 'h.example');
      assert.equal(classified.code, code);
      assert.match(classified.message, message);
    });
  }

  it('reads the first attempt of a Happy Eyeballs AggregateError', () => {
    const aggregate = new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')], 'all failed');
    assert.equal(classifyProbeError(aggregate, 'localhost:1', 'localhost').error.code, 'refused');
  });
});

describe('certificate text', () => {
  it('reads subject alternative names, quoted ones and IPv6 in full', () => {
    assert.deepEqual(subjectAltNames('DNS:a.example, DNS:*.b.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1'), [
      'a.example',
      '*.b.example',
      '10.0.0.1',
      '::1',
    ]);
    assert.deepEqual(subjectAltNames('DNS:"a, b", email:ops@example.com, URI:https://x.example/'), [
      'a, b',
      'email:ops@example.com',
      'URI:https://x.example/',
    ]);
    assert.deepEqual(subjectAltNames(undefined), []);
  });

  it('writes a distinguished name on one line', () => {
    assert.equal(distinguishedName('C=US\nO=Example\nCN=example.com'), 'C=US, O=Example, CN=example.com');
  });

  it('counts whole days left, negative as soon as expired', () => {
    const notAfter = '2026-03-01T00:00:00Z';
    assert.equal(daysBetween(new Date('2026-01-30T00:00:00Z'), notAfter), 30);
    assert.equal(daysBetween(new Date('2026-02-28T01:00:00Z'), notAfter), 0);
    assert.equal(daysBetween(new Date('2026-03-01T01:00:00Z'), notAfter), -1);
    assert.equal(daysBetween(new Date('2026-03-11T00:00:00Z'), notAfter), -10);
  });

  it('describes trust errors given as a code string or an Error', () => {
    assert.match(describeTrustError('DEPTH_ZERO_SELF_SIGNED_CERT'), /^self-signed certificate.*\(DEPTH_ZERO_SELF_SIGNED_CERT\)$/);
    assert.match(describeTrustError(errno('CERT_HAS_EXPIRED')), /has expired \(CERT_HAS_EXPIRED\)/);
    assert.match(describeTrustError('SOME_NEW_CODE'), /^some new code \(SOME_NEW_CODE\)$/);
  });
});

describe('judgeCertificate', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const base: ProbeResult = {
    host: 'example.com',
    port: 443,
    servername: 'example.com',
    address: '192.0.2.1',
    protocol: 'TLSv1.3',
    subject: 'CN=example.com',
    issuer: 'CN=Issuing CA',
    sans: ['example.com'],
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-09-01T00:00:00Z',
    daysLeft: daysBetween(now, '2026-09-01T00:00:00Z'),
    fingerprintSha256: 'AA',
    chain: [
      { subject: 'CN=example.com', issuer: 'CN=Issuing CA', notAfter: '2026-09-01T00:00:00Z' },
      { subject: 'CN=Issuing CA', issuer: 'CN=Root', notAfter: '2030-01-01T00:00:00Z' },
    ],
    earliestChainExpiry: '2026-09-01T00:00:00Z',
    trusted: true,
    trustError: null,
    hostnameMatches: true,
    elapsedMs: 5,
  };
  const kinds = (r: ProbeResult, warnDays = 30) => judgeCertificate(r, { warnDays, now }).map((p) => p.kind);

  it('finds nothing wrong with a trusted, matching certificate outside the window', () => {
    assert.deepEqual(kinds(base), []);
    assert.deepEqual(kinds(base, 92), ['expiring'], '92 days left is inside a 92-day window');
  });

  it('names each problem', () => {
    assert.deepEqual(kinds({ ...base, notBefore: '2026-07-01T00:00:00Z' }), ['not-yet-valid']);
    const expired = { ...base, notAfter: '2026-05-01T00:00:00Z', earliestChainExpiry: '2026-05-01T00:00:00Z' };
    assert.deepEqual(kinds({ ...expired, daysLeft: daysBetween(now, expired.notAfter) }), ['expired']);
    assert.deepEqual(kinds({ ...base, trusted: false, trustError: 'x (CERT_HAS_EXPIRED)' }), ['untrusted']);
    const mismatch = judgeCertificate({ ...base, hostnameMatches: false, sans: ['a.example', 'b.example'] }, { warnDays: 30, now });
    assert.equal(mismatch[0].message, 'not valid for example.com (names: a.example, b.example)');
  });

  it('reports an intermediate that expires inside the window even when the leaf does not', () => {
    const soon = '2026-06-11T00:00:00Z';
    const r = { ...base, chain: [base.chain[0], { ...base.chain[1], notAfter: soon }], earliestChainExpiry: soon };
    const problems = judgeCertificate(r, { warnDays: 30, now });
    assert.deepEqual(problems.map((p) => p.kind), ['chain-expiring']);
    assert.match(problems[0].message, /CN=Issuing CA expires in 10 days/);
    assert.deepEqual(kinds(r, 5), [], 'outside a 5-day window');
  });
});

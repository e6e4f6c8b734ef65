/** `incident-docs cert` over STARTTLS: `--starttls PROTO` and SCHEME://HOST, against an in-test SMTP server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerCertCommand } from '../../../server/src/cli/commands/cert';
import { runCert, type CertCommandOptions, type CertIo } from '../../../server/src/cli/runCert';
import { CliError } from '../../../server/src/cli/errors';
import type { ProbeFailure, ProbeResult } from '../../../server/src/core/live';
import { startScriptedServer, type ScriptedServer, type ServerTalk } from '../../helpers/starttls';
import { addDays, createCertificate, wholeSecondNow } from '../../helpers/tls';

const NOW = wholeSecondNow();
const leaf = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 77) });

async function smtp(talk: ServerTalk, offersTls: boolean): Promise<'tls' | 'close'> {
  talk.send('220 mail.test ESMTP\r\n');
  await talk.line();
  talk.send(offersTls ? '250-mail.test\r\n250 STARTTLS\r\n' : '250-mail.test\r\n250 SIZE 10240000\r\n');
  await talk.line();
  if (!offersTls) {
    talk.send('502 5.5.1 Error: command not implemented\r\n');
    return 'close';
  }
  talk.send('220 2.0.0 Ready to start TLS\r\n');
  return 'tls';
}

let withTls: ScriptedServer;
let without: ScriptedServer;
before(async () => {
  withTls = await startScriptedServer([leaf], (talk) => smtp(talk, true));
  without = await startScriptedServer([leaf], (talk) => smtp(talk, false));
});
after(async () => {
  await Promise.all([withTls.close(), without.close()]);
});

async function cert(target: string, options: Partial<CertCommandOptions> = {}) {
  const out = { stdout: '', stderr: [] as string[] };
  const io: CertIo = { cwd: process.cwd(), color: false, stdout: (text) => (out.stdout += text), stderr: (line) => out.stderr.push(line) };
  const code = await runCert(target, { ca: [], timeout: 10_000, format: 'json', now: NOW, ...options }, io);
  return { code, ...out };
}

describe('cert over STARTTLS', () => {
  it('smtp://HOST:PORT speaks SMTP first and reports the certificate', async () => {
    const r = await cert(`smtp://127.0.0.1:${withTls.port}`);
    const result = JSON.parse(r.stdout) as ProbeResult;
    assert.equal(result.starttls, 'smtp');
    assert.equal(result.daysLeft, 77);
    assert.equal(r.code, 1, 'self-signed: untrusted, exit 1 (a handshake happened)');
  });

  it('--starttls smtp does the same for HOST:PORT, and the text output says so', async () => {
    const r = await cert(`127.0.0.1:${withTls.port}`, { starttls: 'smtp', format: 'text' });
    assert.match(r.stdout.split('\n')[0], /^127\.0\.0\.1:\d+ {2}127\.0\.0\.1, TLSv1\.3 after SMTP STARTTLS, no SNI$/);
  });

  it('a server without STARTTLS: exit 2 with starttls-refused and its reply', async () => {
    const r = await cert(`smtp://127.0.0.1:${without.port}`);
    const failure = JSON.parse(r.stdout) as ProbeFailure;
    assert.equal(r.code, 2);
    assert.equal(failure.error.code, 'starttls-refused');
    assert.match(failure.error.message, /answered STARTTLS with "502 5\.5\.1 Error: command not implemented"/);
    const text = await cert(`127.0.0.1:${without.port}`, { starttls: 'smtp', format: 'text' });
    assert.match(text.stderr[0], /^incident-docs: No TLS handshake \(starttls-refused\): /);
  });

  it('--starttls that contradicts the scheme is a usage error', async () => {
    await assert.rejects(cert(`imaps://127.0.0.1:${withTls.port}`, { starttls: 'smtp' }), (e: unknown) => e instanceof CliError && /contradicts the imaps:\/\//.test(e.message));
    await assert.rejects(cert(`imap://127.0.0.1:${withTls.port}`, { starttls: 'smtp' }), CliError);
  });

  it('commander takes --starttls PROTO by openssl\'s names and refuses others', async () => {
    const out = { stdout: '' };
    const io: CertIo = { cwd: process.cwd(), color: false, stdout: (text) => (out.stdout += text), stderr: () => {} };
    const root = new Command('incident-docs').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerCertCommand(root, () => io);
    const previous = process.exitCode;
    try {
      await root.parseAsync(['cert', `127.0.0.1:${withTls.port}`, '--starttls', 'SMTP', '--format', 'json', '--now', NOW.toISOString()], { from: 'user' });
      assert.equal((JSON.parse(out.stdout) as ProbeResult).starttls, 'smtp');
      await assert.rejects(root.parseAsync(['cert', 'localhost', '--starttls', 'gopher'], { from: 'user' }), /Expected one of smtp, imap, pop3, ldap, postgres, mysql, ftp, xmpp/);
    } finally {
      process.exitCode = previous;
    }
  });
});

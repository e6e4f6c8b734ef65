/**
 * `lint --live` with STARTTLS hosts: `smtp://HOST:PORT` in `hosts`, and `protocol: imap` for hosts
 * written without a scheme, against in-test servers. The findings say what the dialogue found.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startScriptedServer, type ScriptedServer } from '../helpers/starttls';
import { addDays, createCertificate, wholeSecondNow } from '../helpers/tls';

const NOW = wholeSecondNow();
const leaf = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 50) });
const day = (d: Date) => d.toISOString().slice(0, 10);

let smtp: ScriptedServer;
let imapWithoutTls: ScriptedServer;
let dir: string;

before(async () => {
  smtp = await startScriptedServer([leaf], async (talk) => {
    talk.send('220 mail.test ESMTP\r\n');
    await talk.line();
    talk.send('250-mail.test\r\n250 STARTTLS\r\n');
    await talk.line();
    talk.send('220 2.0.0 Ready to start TLS\r\n');
    return 'tls';
  });
  imapWithoutTls = await startScriptedServer([leaf], async (talk) => {
    talk.send('* OK [CAPABILITY IMAP4rev1] ready\r\n');
    const command = await talk.line();
    talk.send(`${command.split(' ')[0]} BAD TLS support isn't enabled.\r\n`);
    return 'close';
  });
  dir = mkdtempSync(join(tmpdir(), 'incident-docs-live-starttls-'));
});
after(async () => {
  await Promise.all([smtp.close(), imapWithoutTls.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(__dirname, '../../dist/cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    return { stdout, stderr, status: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, status: err.code };
  }
}

describe('incident-docs lint --live over STARTTLS', () => {
  it('probes smtp:// hosts and hosts of a `protocol: imap` entry with their dialogues', async () => {
    writeFileSync(join(dir, '.incident-docs.yaml'), 'rules:\n  cert/live-untrusted: off\n');
    writeFileSync(
      join(dir, 'cert-inventory.yaml'),
      [
        'certificates:',
        '  - name: relay',
        `    hosts: ["smtp://127.0.0.1:${smtp.port}"]`,
        `    expires: ${day(addDays(NOW, 20))}`,
        '  - name: mailbox',
        '    protocol: imap',
        `    hosts: ["127.0.0.1:${imapWithoutTls.port}"]`,
        `    expires: ${day(addDays(NOW, 200))}`,
        '',
      ].join('\n'),
    );
    const run = await cli(['lint', '--live', '--timeout', '10000', '--format', 'json', '--now', NOW.toISOString(), 'cert-inventory.yaml']);
    const findings = JSON.parse(run.stdout) as { rule: string; message: string }[];
    const live = findings.filter((f) => f.rule.startsWith('cert/live-'));
    const mismatch = live.find((f) => f.rule === 'cert/live-mismatch');
    assert.ok(mismatch, `the relay's certificate was read over SMTP STARTTLS: ${JSON.stringify(live)}\n${run.stderr}`);
    assert.match(mismatch.message, new RegExp(day(leaf.notAfter)));
    const unreachable = live.filter((f) => f.rule === 'cert/live-unreachable');
    assert.equal(unreachable.length, 1, JSON.stringify(live));
    assert.match(unreachable[0].message, /failed \(starttls-refused\): 127\.0\.0\.1:\d+ answered STARTTLS with "a1 BAD TLS support isn't enabled\."/);
    assert.equal(smtp.transcripts.length, 1, 'one probe of the relay');
    assert.equal(imapWithoutTls.transcripts[0], 'a1 STARTTLS\r\n', 'the IMAP entry was probed with its protocol, nothing else sent');
  });
});

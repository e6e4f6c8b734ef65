/** The server's live checks over STARTTLS: host strings with schemes, `starttls` arguments, and an entry's `protocol`. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { ProbeFailure, ProbeOutcome, ProbeResult } from '../../server/src/core/live';
import { FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { startScriptedServer, type ScriptedServer } from '../helpers/starttls';
import { addDays, createCertificate, wholeSecondNow } from '../helpers/tls';
import { FAST, withRule } from './fixtures';

const NOW = wholeSecondNow();
const leaf = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 33) });
const day = (d: Date) => d.toISOString().slice(0, 10);

let pop3: ScriptedServer;
let client: LspTestClient;

before(async () => {
  pop3 = await startScriptedServer([leaf], async (talk) => {
    talk.send('+OK POP3 ready\r\n');
    if ((await talk.line()) !== 'STLS') return 'close';
    talk.send('+OK Begin TLS negotiation now.\r\n');
    return 'tls';
  });
  client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, now: NOW.toISOString() } } });
});
after(async () => {
  await client.stop();
  await pop3.close();
});

const check = (argument: unknown) => client.request<ProbeOutcome>('workspace/executeCommand', { command: 'incidentDocs.checkLiveCert', arguments: [argument] });

describe('incidentDocs.checkLiveCert over STARTTLS', () => {
  test('a host string with a scheme, as typed in the palette, in either argument form', async () => {
    for (const argument of [`pop3://127.0.0.1:${pop3.port}`, { host: `pop3://127.0.0.1:${pop3.port}` }, { host: '127.0.0.1', port: pop3.port, starttls: 'pop3' }]) {
      const result = (await check(argument)) as ProbeResult;
      assert.equal(result.starttls, 'pop3', JSON.stringify(argument));
      assert.equal(result.notAfter, leaf.notAfter.toISOString().replace('.000Z', 'Z'));
    }
  });

  test('a STARTTLS dialogue with the wrong server is a result with its code', async () => {
    const result = (await check({ host: '127.0.0.1', port: pop3.port, starttls: 'smtp', timeoutMs: 3000 })) as ProbeFailure;
    assert.equal(result.error.code, 'protocol');
    assert.match(result.error.message, /did not answer as an SMTP server: it sent "\+OK POP3 ready"/);
  });

  test('an unknown scheme is InvalidParams', async () => {
    await assert.rejects(check('gopher://127.0.0.1'), (e: { code: number; message: string }) => e.code === -32602 && /Unknown scheme gopher/.test(e.message));
  });
});

describe('"Check live" on an entry with `protocol: pop3`', () => {
  test('probes its hosts with the entry\'s protocol and reports the drift', async () => {
    const uri = 'untitled:cert-inventory.yaml';
    const text = [
      'certificates:',
      '  - name: mailbox',
      '    protocol: pop3',
      `    hosts: ["127.0.0.1:${pop3.port}"]`,
      '    owner: platform-team@example.com',
      '    notify: [platform-team@example.com]',
      `    expires: ${day(addDays(NOW, 90))}`,
      '    renewal: { method: acme }',
      '',
    ].join('\n');
    await client.open(uri, text, 'yaml');
    await client.waitForDiagnostics(uri, { version: 1 });
    const mark = client.mark();
    const outcomes = await client.request<{ host: string; outcome: ProbeOutcome }[]>('workspace/executeCommand', { command: 'incidentDocs.checkLiveEntry', arguments: [{ uri, entry: 0 }] });
    assert.equal((outcomes[0].outcome as ProbeResult).starttls, 'pop3');
    const after = await client.waitForDiagnostics(uri, { after: mark, where: (p: PublishDiagnosticsParams) => withRule(p, 'cert/live-mismatch').length > 0 });
    assert.equal(textAt(text, withRule(after, 'cert/live-mismatch')[0].range), day(addDays(NOW, 90)));
  });
});

/** The live certificate check through the real server: execute command, "Check live" lens, drift finding and its fix. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { ProbeFailure, ProbeResult } from '../../server/src/core/live';
import { applyEdits, FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { addDays, closedPort, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../helpers/tls';
import { FAST, withRule } from './fixtures';

const NOW = wholeSecondNow();
const leaf = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 100) });
const day = (d: Date) => d.toISOString().slice(0, 10);

let server: TestTlsServer;
let client: LspTestClient;
let closed: number;

before(async () => {
  server = await startTlsServer({ chain: [leaf] });
  closed = await closedPort();
  client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, now: NOW.toISOString() } } });
});
after(async () => {
  await client.stop();
  await server.close();
});

const inventory = () =>
  [
    'certificates:',
    '  - name: local',
    `    hosts: [${server.target}]`,
    '    owner: platform-team@example.com',
    '    notify: [platform-team@example.com]',
    `    expires: ${day(addDays(NOW, 10))}   # out of date`,
    '    renewal: { method: acme }',
    '',
  ].join('\n');

describe('workspace/executeCommand incidentDocs.checkLiveCert', () => {
  test('is announced and returns the live certificate', async () => {
    assert.ok(client.initializeResult.capabilities.executeCommandProvider?.commands.includes('incidentDocs.checkLiveCert'));
    const result = await client.request<ProbeResult>('workspace/executeCommand', {
      command: 'incidentDocs.checkLiveCert',
      arguments: [{ host: '127.0.0.1', port: server.port }],
    });
    assert.equal(result.notAfter, leaf.notAfter.toISOString().replace('.000Z', 'Z'));
    assert.equal(result.serialNumber, leaf.serialNumber);
    assert.equal(result.trusted, false, 'self-signed');
    assert.equal(result.hostnameMatches, true);
  });
  test('a failed handshake is a result with an error code, not a protocol error', async () => {
    const result = await client.request<ProbeFailure>('workspace/executeCommand', {
      command: 'incidentDocs.checkLiveCert',
      arguments: [{ host: '127.0.0.1', port: closed, timeoutMs: 1000 }],
    });
    assert.equal(result.error.code, 'refused');
  });
  test('bad arguments are InvalidParams', async () => {
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'incidentDocs.checkLiveCert', arguments: [{ host: 'a b', port: 99999 }] }),
      (e: { code: number }) => e.code === -32602,
    );
    await assert.rejects(client.request('workspace/executeCommand', { command: 'incidentDocs.checkLiveCert', arguments: [] }), (e: { code: number }) => e.code === -32602);
  });
});

describe('"Check live" code lens', () => {
  test('probes the entry, reports the drift with a fix that edits only the value, and forgets it when the entry changes', async () => {
    const uri = 'untitled:cert-inventory.yaml';
    let text = inventory();
    await client.open(uri, text, 'yaml');
    const first = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(withRule(first, 'cert/live-mismatch'), [], 'nothing live before the user asks');
    const connectionsBefore = server.accepted;

    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const check = lenses.find((l) => l.command?.title === 'Check live')!;
    assert.equal(check.command?.command, 'incidentDocs.checkLiveEntry');
    assert.equal(server.accepted, connectionsBefore, 'drawing lenses connects to nothing');

    const mark = client.mark();
    await client.request('workspace/executeCommand', { command: check.command!.command, arguments: check.command!.arguments });
    const after = await client.waitForDiagnostics(uri, { after: mark, where: (p: PublishDiagnosticsParams) => withRule(p, 'cert/live-mismatch').length > 0 });
    const [mismatch] = withRule(after, 'cert/live-mismatch');
    assert.equal(textAt(text, mismatch.range), day(addDays(NOW, 10)));

    const liveLens = (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).find((l) => l.command?.title.startsWith('Live '));
    assert.match(liveLens?.command?.title ?? '', /100 days left, untrusted/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    });
    const update = actions.find((a) => a.title.startsWith('Update expires to'))!;
    assert.equal(update.title, `Update expires to ${day(leaf.notAfter)}`);
    const edits = update.edit!.documentChanges![0] as { edits: { range: typeof mismatch.range; newText: string }[] };
    const fixed = applyEdits(text, edits.edits);
    assert.equal(fixed, text.replace(day(addDays(NOW, 10)), day(leaf.notAfter)), 'only the value changes; the comment stays');

    text = fixed;
    await client.replace(uri, 2, text);
    const edited = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(withRule(edited, 'cert/live-mismatch'), []);
    const lensesAfterEdit = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(!lensesAfterEdit.some((l) => l.command?.title.startsWith('Live ')), 'an edited entry drops its live result');
  });
});

/**
 * Files a document's analysis reads besides the document (server/src/lsp/fileWatch.ts): the
 * server registers a watcher for each as it first reads it, and when the client reports one
 * changed, the open documents that read it are analysed again and published, though their own
 * text did not change. Through the real server over stdio.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver/node';
import { makeCertificatePem } from '../helpers/inventory';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { codes, FAST, serveTempWorkspace, tempDir, vscodeUri } from './fixtures';

const POSTMORTEM = [
  '# Gateway outage',
  '',
  '## Summary',
  '',
  'The API gateway served expired certificates for four hours.',
  '',
  '## Timeline',
  '',
  '- 14:00 UTC: alerts fired.',
  '- 18:00 UTC: the certificate was renewed.',
  '',
].join('\n');

const template = (...sections: string[]) => ['# Title', '', ...sections.flatMap((s) => [`## ${s}`, '', `Write the ${s.toLowerCase()} here.`, ''])].join('\n');

describe('a template file that changes on disk', () => {
  const temp = tempDir();
  const templateFile = path.join(temp.dir, 'docs', 'team-template.md');
  let client!: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        mkdirSync(path.dirname(templateFile), { recursive: true });
        writeFileSync(templateFile, template('Summary', 'Timeline'));
        writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'template: docs/team-template.md\n');
      },
    },
    (started) => (client = started),
  );

  test('is watched once read, and the open post-mortem is checked against its new sections', async () => {
    const uri = vscodeUri(path.join(temp.dir, 'postmortems', 'outage.md'));
    await client.open(uri, POSTMORTEM);
    const before = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(!codes(before).includes('pm/required-section'), JSON.stringify(before.diagnostics));
    // The client without relative patterns (FULL_CAPABILITIES): a glob of the file's path.
    await client.waitForWatcher(templateFile.split(path.sep).join('/'));

    writeFileSync(templateFile, template('Summary', 'Timeline', 'Follow-ups'));
    const mark = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(templateFile), type: FileChangeType.Changed }] });
    const after = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    const missing = after.diagnostics.filter((d) => d.code === 'pm/required-section');
    assert.equal(missing.length, 1, JSON.stringify(after.diagnostics));
    assert.match(String(missing[0].message), /Follow-ups/);
  });
});

describe('a PEM file an inventory entry names, created after the inventory was opened', () => {
  const temp = tempDir();
  const pemFile = path.join(temp.dir, 'certs', 'api.pem');
  const inventoryFile = path.join(temp.dir, 'cert-inventory.yaml');
  const text = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-20T12:00:00Z\n    pemFile: certs/api.pem\n';

  test('is watched with a relative pattern where the client takes them, and its arrival is seen', async () => {
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
    const client = await LspTestClient.start({ capabilities, workspaceFolders: [{ uri: vscodeUri(temp.dir), name: 'ws' }], initializationOptions: { incidentDocs: FAST } });
    try {
      const uri = vscodeUri(inventoryFile);
      await client.open(uri, text, 'yaml');
      const before = await client.waitForDiagnostics(uri, { version: 1 });
      assert.ok(codes(before).includes('cert/pem-invalid'), 'the file is not there yet');
      await client.waitForWatcher({ baseUri: vscodeUri(path.dirname(pemFile)), pattern: 'api.pem' });

      mkdirSync(path.dirname(pemFile), { recursive: true });
      writeFileSync(pemFile, makeCertificatePem({ dnsNames: ['api.example.com'], notAfter: new Date('2026-12-20T12:00:00Z') }));
      const mark = client.mark();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(pemFile), type: FileChangeType.Created }] });
      const after = await client.waitForDiagnostics(uri, { version: 1, after: mark });
      assert.ok(!codes(after).includes('cert/pem-invalid'), JSON.stringify(after.diagnostics));
    } finally {
      await client.stop();
      temp.remove();
    }
  });
});

/** Private keys: findings never echo them, and nothing the server logs carries a PEM body. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lint } from '../../server/src/core/lint';
import { redactPem } from '../../server/src/lsp/redact';
import { config, NOW } from '../helpers/lint';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { testKey } from '../helpers/tls';
import { tempDir, vscodeUri } from '../lsp/fixtures';

const key = testKey('redaction').privateKeyPem;
/** A line of the key's base64 body: what must never appear anywhere. */
const BODY = key.split('\n')[5];

function inventoryWithKey(): string {
  const indented = key.trimEnd().split('\n').map((l) => `      ${l}`).join('\n');
  return `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2027-01-01\n    owner: platform-team@example.com\n    pem: |\n${indented}\n`;
}

describe('redaction: private keys', () => {
  it('the body line used below is really base64 key material', () => {
    assert.match(BODY, /^[A-Za-z0-9+/=]{40,}$/);
  });

  it('cert/private-key findings name the key, never echo it', () => {
    const findings = lint({ path: 'cert-inventory.yaml', text: inventoryWithKey() }, config(), { now: NOW });
    const keys = findings.filter((f) => f.rule === 'cert/private-key');
    assert.equal(keys.length, 1);
    for (const f of findings) assert.ok(!JSON.stringify(f).includes(BODY), `${f.rule} echoes the key`);
  });

  it('redactPem keeps labels and drops bodies, also of an unterminated block', () => {
    const out = redactPem(`before ${key} middle -----BEGIN CERTIFICATE-----\nMIIB${BODY}`);
    assert.ok(!out.includes(BODY));
    assert.match(out, /^before -----BEGIN RSA PRIVATE KEY----- \[redacted\] -----END RSA PRIVATE KEY-----\s+middle -----BEGIN CERTIFICATE----- \[redacted\]/);
  });

  describe('the server log (the output channel) never carries a PEM body', () => {
    const temp = tempDir();
    let client: LspTestClient;
    before(async () => {
      // A key pasted into a setting value: the settings problem quotes the value in the log.
      writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), `defaultTeamEmail: [${JSON.stringify(key)}]\nrules: ${JSON.stringify(key)}\n`);
      client = await LspTestClient.start({
        capabilities: FULL_CAPABILITIES,
        workspaceFolders: [{ uri: vscodeUri(temp.dir), name: 'ws' }],
        initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW.toISOString() } },
      });
    });
    after(async () => {
      await client.stop();
      temp.remove();
    });

    it('a key in a document and in a config value: reported, logged about, never logged', async () => {
      const uri = vscodeUri(path.join(temp.dir, 'cert-inventory.yaml'));
      await client.open(uri, inventoryWithKey(), 'yaml');
      const published = await client.waitForDiagnostics(uri, { version: 1 });
      assert.ok(published.diagnostics.some((d) => d.code === 'cert/private-key'));
      assert.ok(!JSON.stringify(published).includes(BODY), 'diagnostics echo the key');
      // The config problems were logged (so the test looked at real log lines) ...
      assert.ok(client.logs.some((l) => l.includes('.incident-docs.yaml') && l.includes('[redacted]')), client.logs.join('\n'));
      // ... and no line carries the body.
      for (const line of client.logs) assert.ok(!line.includes(BODY), `logged: ${line.slice(0, 200)}`);
    });
  });
});

/**
 * `incidentDocs/incidentReport` through the real server over stdio: the report page of the
 * workspace's post-mortems (open documents as the editor holds them), and each link's file.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IncidentReportRequest, type IncidentReport } from '../../contract/src/requests';
import { postmortemText } from '../helpers/incidents';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, tempDir, vscodeUri } from './fixtures';

describe('incidentReport over stdio', () => {
  const { dir, remove } = tempDir();
  const file = (relative: string, text: string) => {
    const full = path.join(dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return vscodeUri(full);
  };
  const older = file('postmortems/2026-03-02-gateway.md', postmortemText({ title: 'Gateway down', date: '2026-03-02', severity: 'SEV1', actionItems: [{ text: 'Add a canary' }] }));
  const dnsText = postmortemText({ title: 'DNS <change>', date: '2026-05-10', severity: 'SEV2', incident: { started: '2026-05-10T08:00:00Z', detected: '2026-05-10T08:20:00Z' } });
  const newer = file('postmortems/2026-05-10-dns.md', dnsText);
  file('notes/readme.md', '# Just notes\n\nNothing to check here.\n');
  const inventory = file('ops/cert-inventory.yaml', 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2027-01-01\n');
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { ...FAST } },
    });
  });
  after(async () => {
    await client.stop();
    remove();
  });

  const report = (uris?: string[]) => client.request<IncidentReport>(IncidentReportRequest.method, uris ? { uris } : {});

  test('without uris: every post-mortem of the workspace, newest first, each link with its file', async () => {
    const result = await report();
    assert.deepEqual(result.files, [newer, older]);
    assert.deepEqual(result.errors, []);
    const links = [...result.html.matchAll(/<a href="([^"]*)" data-file="(\d+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(links, [
      ['postmortems/2026-05-10-dns.md', '0', 'DNS &#60;change&#62;'],
      ['postmortems/2026-03-02-gateway.md', '1', 'Gateway down'],
    ]);
    assert.match(result.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
    assert.equal([...result.html.matchAll(/<figure id="chart-/g)].length, 4);
    assert.ok(result.html.includes(`<p class="muted">${path.basename(dir)} · 2 post-mortems · built 2026-11-27 12:00 UTC</p>`), 'the folder, the server clock');
    assert.match(result.html, /<span class="value">20 min<\/span> median time to detect/);
  });

  test('an open document is reported as the editor holds it', async () => {
    await client.open(newer, dnsText.replace('title: "DNS <change>"', 'title: "DNS change, unsaved"'));
    const result = await report([newer, inventory]);
    assert.deepEqual(result.files, [newer], 'the inventory is not Markdown: left out');
    assert.match(result.html, /data-file="0">DNS change, unsaved<\/a>/);
  });

  test('a file that cannot be read is named, the others are reported', async () => {
    const gone = vscodeUri(path.join(dir, 'postmortems', 'gone.md'));
    const result = await report([gone, older]);
    assert.deepEqual(result.files, [older]);
    assert.deepEqual(result.errors.map((e) => e.uri), [gone]);
  });
});

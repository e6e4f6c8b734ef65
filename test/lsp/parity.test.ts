/**
 * The editor and CI must never disagree: the same files (a byte-order mark, CRLF line breaks, a
 * config file with rule levels and a relative pemFile) give identical findings through the CLI run
 * from another folder, a document opened in the real server, and Scan Workspace (lintFiles).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LintFilesRequest, type LintFilesResult } from '../../contract/src/requests';
import { CLI, type JsonFinding } from '../cli/helpers';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { createCertificate } from '../helpers/tls';
import { NOW, SEED, tempDir, vscodeUri } from './fixtures';

const cert = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], keyName: 'parity' });

/** Line-break style and BOM as a Windows editor may save them. */
const windows = (text: string) => `\ufeff${text.replace(/\r?\n/g, '\r\n')}`;

const FILES: Record<string, string> = {
  '.incident-docs.yaml': 'rules:\n  pm/action-item-status: warning\n  cert/personal-email: off\nwarnDays: 45\n',
  // Not under a post-mortem folder: it is found by its title, which a byte-order mark must not hide.
  'docs/outage-review.md': windows(SEED),
  'inventory/cert-inventory.yaml': windows(
    'certificates:\n' +
      '  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-20\n    owner: jane.doe@gmail.com\n    pemFile: ../certs/api.pem\n' +
      '  - name: old\n    hosts: [old.example.com]\n    expires: 2026-11-01\n    owner: platform@example.com\n',
  ),
  'certs/api.pem': cert.certPem,
};

/** What a finding and a diagnostic share: rule, 0-based range, message. */
type Key = string;
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const fromJson = (f: JsonFinding): Key => `${f.severity} ${f.rule} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.message}`;
const fromDiagnostic = (d: Diagnostic): Key =>
  `${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${typeof d.message === 'string' ? d.message : ''}`;

describe('CLI, opened documents and Scan Workspace agree', () => {
  let ws: ReturnType<typeof tempDir>;
  let client: LspTestClient;
  before(async () => {
    ws = tempDir();
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(ws.dir, name)), { recursive: true });
      writeFileSync(path.join(ws.dir, name), text);
    }
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(ws.dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW } },
    });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  for (const name of ['docs/outage-review.md', 'inventory/cert-inventory.yaml']) {
    it(name, { timeout: 30_000 }, async () => {
      const file = path.join(ws.dir, name);
      // The CLI from a folder outside the workspace, by absolute path.
      const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--now', NOW, file], { cwd: tmpdir(), encoding: 'utf8' });
      assert.equal(run.stderr, '');
      const fromCli = (JSON.parse(run.stdout) as JsonFinding[]).map(fromJson).sort();

      // An editor hides the byte-order mark and sends the text as it holds it.
      const uri = vscodeUri(file);
      const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
      await client.open(uri, text, name.endsWith('.md') ? 'markdown' : 'yaml');
      const opened = (await client.waitForDiagnostics(uri, { version: 1 })).diagnostics.map(fromDiagnostic).sort();
      await client.close(uri);

      const scanned = await client.request<LintFilesResult>(LintFilesRequest.method, {});
      assert.deepEqual(scanned.errors, []);
      const fromScan = (scanned.files.find((f) => f.uri === uri)?.diagnostics ?? []).map(fromDiagnostic).sort();

      assert.ok(fromCli.length > 3, 'the file has findings to compare');
      // The config file applies: its rule level, its warnDays, and a pemFile relative to the inventory.
      const applied = name.endsWith('.md') ? /^warning pm\/action-item-status/ : /expires in 23 days .* 45-day warn window|pemFile/;
      assert.ok(fromCli.some((k) => applied.test(k)), 'the config file and the relative pemFile apply');
      assert.ok(!fromCli.some((k) => /cert\/personal-email|cert\/pem-invalid/.test(k)), 'rules switched off stay off; the pemFile was read');
      assert.deepEqual(opened, fromCli, 'opened document vs CLI');
      assert.deepEqual(fromScan, fromCli, 'Scan Workspace vs CLI');
    });
  }
});

/**
 * pemFile (and the server's extraCaFiles) cannot leave the workspace through "..", an absolute
 * path or a symbolic link unless the user allows it: a finding says why, and the file is not read.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lint } from '../../server/src/core/lint';
import { runJson } from '../cli/helpers';
import { config, NOW } from '../helpers/lint';
import { createCertificate } from '../helpers/tls';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { vscodeUri } from '../lsp/fixtures';

const cert = createCertificate({ commonName: 'api.example.com', dnsNames: ['api.example.com'], keyName: 'paths' });
const expires = cert.notAfter.toISOString().slice(0, 10);

/** outside/secret.pem beside the workspace, ws/certs/good.pem inside, ws/certs/link.pem -> outside. */
function layout(): { base: string; ws: string; outside: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'incident-docs-paths-'));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside', 'secret.pem');
  mkdirSync(path.join(ws, 'certs'), { recursive: true });
  mkdirSync(path.dirname(outside));
  writeFileSync(outside, cert.certPem);
  writeFileSync(path.join(ws, 'certs', 'good.pem'), cert.certPem);
  symlinkSync(outside, path.join(ws, 'certs', 'link.pem'));
  return { base, ws, outside };
}

function inventory(pemFile: string): string {
  return `certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: ${expires}\n    owner: platform-team@example.com\n    pemFile: ${pemFile}\n`;
}

const pemInvalid = (findings: { rule: string; message: string }[]) => findings.filter((f) => f.rule === 'cert/pem-invalid');

describe('paths: pemFile stays in the workspace', () => {
  let dirs: ReturnType<typeof layout>;
  before(() => (dirs = layout()));
  after(() => rmSync(dirs.base, { recursive: true, force: true }));

  const escapes = () => [
    ['..', '../outside/secret.pem'],
    ['an absolute path', dirs.outside],
    ['a symbolic link', 'certs/link.pem'],
  ];

  it('core: each escape is a cert/pem-invalid finding with the reason; inside the root the file is read', () => {
    const file = path.join(dirs.ws, 'cert-inventory.yaml');
    for (const [how, pemFile] of escapes()) {
      const found = pemInvalid(lint({ path: file, root: dirs.ws, text: inventory(pemFile) }, config(), { now: NOW }));
      assert.equal(found.length, 1, how);
      assert.match(found[0].message, /outside the workspace .*directly or through a link/, how);
      assert.match(found[0].message, /allowPathsOutsideWorkspace/);
      assert.ok(!found[0].message.includes('BEGIN CERTIFICATE'), 'the file was not read into the message');
    }
    assert.deepEqual(pemInvalid(lint({ path: file, root: dirs.ws, text: inventory('certs/good.pem') }, config(), { now: NOW })), []);
  });

  it('core: allowPathsOutsideWorkspace reads them', () => {
    const file = path.join(dirs.ws, 'cert-inventory.yaml');
    for (const [how, pemFile] of escapes()) {
      const found = pemInvalid(lint({ path: file, root: dirs.ws, text: inventory(pemFile) }, config({ allowPathsOutsideWorkspace: true }), { now: NOW }));
      assert.deepEqual(found, [], how);
    }
  });

  it('CLI: the root is the repository, else the config file folder, else the folder of the file; never the working directory', () => {
    const sub = path.join(dirs.ws, 'team');
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, 'cert-inventory.yaml');
    writeFileSync(file, inventory('../certs/good.pem'));
    const lintFrom = (cwd: string, ...flags: string[]) => runJson([file, '--now', NOW.toISOString(), ...flags], { cwd });
    try {
      // No repository, no config file: the file's own folder is the root, even run from / .
      for (const cwd of [dirs.ws, '/']) {
        const run = lintFrom(cwd);
        assert.equal(pemInvalid(run.findings).length, 1, `${cwd}: ${JSON.stringify(run.findings)}`);
        assert.match(pemInvalid(run.findings)[0].message, /outside the workspace/);
      }
      // A config file in ws/ makes ws/ the root: ../certs is inside it.
      writeFileSync(path.join(dirs.ws, '.incident-docs.yaml'), 'warnDays: 30\n');
      assert.deepEqual(pemInvalid(lintFrom('/').findings), []);
      // A repository's own file cannot lift the limit; the command line can.
      writeFileSync(file, inventory('../../outside/secret.pem'));
      writeFileSync(path.join(dirs.ws, '.incident-docs.yaml'), 'allowPathsOutsideWorkspace: true\n');
      const refused = lintFrom('/');
      assert.equal(pemInvalid(refused.findings).length, 1, JSON.stringify(refused.findings));
      assert.match(refused.stderr, /"allowPathsOutsideWorkspace" is ignored in a config file/);
      assert.deepEqual(pemInvalid(lintFrom('/', '--allow-paths-outside-workspace').findings), []);
      // A repository (.git) is the root, wherever its config file is.
      rmSync(path.join(dirs.ws, '.incident-docs.yaml'));
      writeFileSync(file, inventory('../certs/good.pem'));
      mkdirSync(path.join(dirs.ws, '.git'));
      writeFileSync(path.join(sub, '.incident-docs.yaml'), 'warnDays: 30\n');
      assert.deepEqual(pemInvalid(lintFrom('/').findings), []);
    } finally {
      rmSync(sub, { recursive: true });
      rmSync(path.join(dirs.ws, '.git'), { recursive: true, force: true });
      rmSync(path.join(dirs.ws, '.incident-docs.yaml'), { force: true });
    }
  });

  it('the refusal reads the same whether the file outside exists or not', () => {
    const file = path.join(dirs.ws, 'cert-inventory.yaml');
    const message = (pemFile: string) => pemInvalid(lint({ path: file, root: dirs.ws, text: inventory(pemFile) }, config(), { now: NOW }))[0]?.message;
    symlinkSync(path.join(dirs.base, 'outside', 'nothing-here.pem'), path.join(dirs.ws, 'certs', 'dangling.pem'));
    try {
      const exists = message('certs/link.pem');
      const missing = message('certs/dangling.pem');
      assert.match(exists, /outside the workspace/);
      assert.equal(missing, exists.replace('certs/link.pem', 'certs/dangling.pem'));
      assert.equal(message('/etc/shadow'), message('/etc/no-such-file').replace('/etc/no-such-file', '/etc/shadow'));
    } finally {
      rmSync(path.join(dirs.ws, 'certs', 'dangling.pem'));
    }
  });

  it('server: the root is the workspace folder, and the workspace config file cannot lift the limit', async () => {
    writeFileSync(path.join(dirs.ws, '.incident-docs.yaml'), 'allowPathsOutsideWorkspace: true\n');
    const client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(dirs.ws), name: 'ws' }],
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW.toISOString() } },
    });
    try {
      const uri = vscodeUri(path.join(dirs.ws, 'cert-inventory.yaml'));
      await client.open(uri, inventory('certs/link.pem'), 'yaml');
      const published = await client.waitForDiagnostics(uri, { version: 1 });
      const found = published.diagnostics.filter((d) => d.code === 'cert/pem-invalid');
      assert.equal(found.length, 1, JSON.stringify(published.diagnostics));
      assert.match(String(found[0].message), /outside the workspace .*directly or through a link/);
      assert.ok(client.logs.some((l) => /allowPathsOutsideWorkspace" is ignored in a config file/.test(l)), client.logs.join('\n'));
      // The user's own settings may allow it.
      const mark = client.mark();
      await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { debounceMs: 0, allowPathsOutsideWorkspace: true } } });
      const again = await client.waitForDiagnostics(uri, { after: mark });
      assert.deepEqual(again.diagnostics.filter((d) => d.code === 'cert/pem-invalid'), []);
    } finally {
      await client.stop();
      rmSync(path.join(dirs.ws, '.incident-docs.yaml'));
    }
  });
});

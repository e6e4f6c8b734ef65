/**
 * The cross-file cert/* rules over stdio: the server indexes the workspace's YAML files, and an
 * open inventory's findings follow its manifests as they change on disk (file events) or in the
 * editor, without the inventory being reopened.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { certificate, entry, inventory } from '../helpers/crossFile';
import type { LspTestClient } from '../helpers/lspClient';
import { LintFilesRequest, type LintFilesResult } from '../../contract/src/requests';
import { runJson } from '../cli/helpers';
import { codes, NOW, positionOf, serveTempWorkspace, tempDir, vscodeUri, withRule } from './fixtures';

const uriToPath = (uri: string) => URI.parse(uri).fsPath;

const UNCOVERED = 'cert/no-certificate-resource';
const UNLISTED = 'cert/not-in-inventory';

const INVENTORY = inventory(
  entry('web', ['www.example.com']),
  entry('api', ['api.example.com'], { namespace: 'api' }),
  entry('blog', ['blog.example.com']),
);
const manifest = (...certificates: string[]) => certificates.join('---\n');
const WEB = certificate('web', ['www.example.com'], { namespace: 'web' });
const API = certificate('api', ['api.example.com'], { namespace: 'api' });
const SHOP = certificate('shop', ['shop.example.com'], { namespace: 'shop' });

/** The entries of the inventory that have the finding, by the text it underlines. */
function uncoveredEntries(published: PublishDiagnosticsParams): string[] {
  return withRule(published, UNCOVERED).map((d) => INVENTORY.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)).sort();
}

/** Paths in a temporary workspace, and a write that makes the folders on the way. */
function filesOf(temp: { dir: string }) {
  const file = (relative: string) => path.join(temp.dir, relative);
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(file(relative)), { recursive: true });
    writeFileSync(file(relative), text);
  };
  return { file, write };
}

describe('cross-file rules in the server', () => {
  const temp = tempDir();
  const { file, write } = filesOf(temp);
  let client!: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        write('inventory/cert-inventory.yaml', INVENTORY);
        // Named like an inventory: content decides that it is a cert-manager file.
        write('k8s/certificates.yaml', manifest(WEB, API, SHOP));
        // Ignored by git: its Certificate (for blog) is not part of the workspace.
        write('.gitignore', 'vendor/\n');
        write('vendor/certificates.yaml', certificate('blog', ['blog.example.com']));
      },
    },
    (started) => (client = started),
  );
  const inventoryUri = () => vscodeUri(file('inventory/cert-inventory.yaml'));
  const manifestUri = () => vscodeUri(file('k8s/certificates.yaml'));
  const entriesAre = (expected: string[]) => (p: PublishDiagnosticsParams) => JSON.stringify(uncoveredEntries(p)) === JSON.stringify(expected);

  test('an open inventory is judged against the workspace\'s manifests, ignored folders left out', async () => {
    await client.open(inventoryUri(), INVENTORY, 'yaml');
    const published = await client.waitForDiagnostics(inventoryUri(), { where: entriesAre(['blog']) });
    const [finding] = withRule(published, UNCOVERED);
    assert.equal(finding.message, 'Entry "blog" is renewed by cert-manager, but no Certificate in the workspace covers blog.example.com.');
    assert.deepEqual(finding.range.start, positionOf(INVENTORY, 'blog'));
    // Related information points into the manifest, where the Certificates are.
    const related = finding.relatedInformation ?? [];
    assert.ok(related.length > 0);
    for (const r of related) assert.equal(r.location.uri, manifestUri());
    assert.deepEqual(related[0].location.range.start, positionOf(manifest(WEB, API, SHOP), 'dnsNames'));
  });

  test('a manifest changed on disk changes the open inventory\'s findings (file events), ignored files still left out', async () => {
    const mark = client.mark();
    write('k8s/certificates.yaml', manifest(WEB, SHOP));
    // The ignored file now covers api too: were it read, api would stay covered.
    write('vendor/certificates.yaml', manifest(certificate('blog', ['blog.example.com']), API));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: vscodeUri(file('vendor/certificates.yaml')), type: 2 },
        { uri: manifestUri(), type: 2 },
      ],
    });
    const published = await client.waitForDiagnostics(inventoryUri(), { after: mark, where: entriesAre(['api', 'blog']) });
    assert.equal(published.version, 1, 'the inventory was not edited or reopened');
    const api = withRule(published, UNCOVERED).find((d) => String(d.message).startsWith('Entry "api"'));
    assert.equal(api?.message, 'Entry "api" is renewed by cert-manager, but no Certificate in the workspace covers api.example.com in namespace "api".');
  });

  test('a manifest opened and edited in the editor changes them too, and its own findings point at the inventory', async () => {
    const onDisk = manifest(WEB, SHOP);
    await client.open(manifestUri(), onDisk, 'yaml');
    const own = await client.waitForDiagnostics(manifestUri(), { where: (p) => codes(p).includes(UNLISTED) });
    // A cert-manager file, whatever its name: none of an inventory's findings.
    assert.ok(!codes(own).some((c) => c === 'cert/missing-field' || c === 'cert/unknown-key'), codes(own).join());
    const [unlisted] = withRule(own, UNLISTED);
    assert.equal(unlisted.message, 'No inventory entry lists the hosts of Certificate "shop/shop" (shop.example.com): nobody owns it, nobody is told when its renewal fails.');
    assert.deepEqual(unlisted.range.start, positionOf(onDisk, 'dnsNames', 1));
    assert.deepEqual(unlisted.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[inventoryUri(), 0]]);

    const mark = client.mark();
    await client.replace(manifestUri(), 2, manifest(WEB, API, SHOP, certificate('blog', ['blog.example.com'])));
    const published = await client.waitForDiagnostics(inventoryUri(), { after: mark, where: entriesAre([]) });
    assert.equal(published.version, 1);
  });

  test('closing the edited manifest unsaved brings back what the disk says', async () => {
    const mark = client.mark();
    await client.close(manifestUri());
    await client.waitForDiagnostics(inventoryUri(), { after: mark, where: entriesAre(['api', 'blog']) });
  });

  test('a manifest created or deleted on disk counts from the event on', async () => {
    let mark = client.mark();
    write('k8s/blog.yaml', certificate('blog', ['*.example.com']));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(file('k8s/blog.yaml')), type: 1 }] });
    // The wildcard covers both remaining hosts.
    await client.waitForDiagnostics(inventoryUri(), { after: mark, where: entriesAre([]) });

    mark = client.mark();
    rmSync(file('k8s/blog.yaml'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(file('k8s/blog.yaml')), type: 3 }] });
    await client.waitForDiagnostics(inventoryUri(), { after: mark, where: entriesAre(['api', 'blog']) });
  });

  test('Scan Workspace reports what the CLI reports on the same folder', async () => {
    const cross = (rule: unknown) => rule === UNCOVERED || rule === UNLISTED;
    const scanned = await client.request<LintFilesResult>(LintFilesRequest.method, {});
    const fromServer = scanned.files.flatMap((f) =>
      f.diagnostics.filter((d) => cross(d.code)).map((d) => `${d.code} ${path.relative(temp.dir, uriToPath(f.uri))}:${d.range.start.line + 1}:${d.range.start.character + 1}`),
    );
    const fromCli = runJson(['--now', NOW, '.'], { cwd: temp.dir }).findings.filter((f) => cross(f.rule)).map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`);
    assert.deepEqual(fromServer.sort(), fromCli.sort());
    assert.equal(fromCli.length, 3, 'api and blog uncovered, shop unlisted');
  });
});

describe('cross-file rules after a settings change', () => {
  const temp = tempDir();
  const file = (relative: string) => path.join(temp.dir, relative);
  let client!: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        mkdirSync(file('k8s'), { recursive: true });
        writeFileSync(file('k8s/web.yaml'), WEB);
        // No `certificates:` list and no glob names it: not an inventory, yet.
        writeFileSync(file('team.yaml'), 'defaults:\n  owner: web@example.com\n');
      },
    },
    (started) => (client = started),
  );

  test('the workspace is read again: a file inventoryGlobs now names is an inventory the manifest is compared with', async () => {
    const uri = vscodeUri(file('k8s/web.yaml'));
    await client.open(uri, WEB, 'yaml');
    // Linted against the complete index: there is no inventory, so nothing to say.
    await client.waitForDiagnostics(uri, { version: 1, where: (p) => p.diagnostics.length === 0 });
    const mark = client.mark();
    writeFileSync(file('.incident-docs.yaml'), 'inventoryGlobs: ["**/team.yaml"]\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(file('.incident-docs.yaml')), type: 1 }] });
    const published = await client.waitForDiagnostics(uri, { after: mark, where: (p) => codes(p).includes(UNLISTED) });
    assert.deepEqual(withRule(published, UNLISTED)[0].relatedInformation?.map((r) => r.location.uri), [vscodeUri(file('team.yaml'))]);
  });
});

/**
 * While the workspace holds no Certificate, inventories' entries are put off (nothing compares
 * with them); once one appears they are read, and the rules say nothing until they are: never a
 * Certificate reported unlisted because the inventory that lists it was not read yet.
 */
describe('cross-file rules when the first Certificate appears', () => {
  const temp = tempDir();
  const { file, write } = filesOf(temp);
  let client!: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        write('inventory/cert-inventory.yaml', INVENTORY);
        write('team/other-inventory.yaml', inventory(entry('shop', ['shop.example.com'], { namespace: 'shop' })));
      },
    },
    (started) => (client = started),
  );
  const inventoryUri = () => vscodeUri(file('inventory/cert-inventory.yaml'));
  const manifestUri = () => vscodeUri(file('k8s/certificates.yaml'));

  test('an open inventory put off while no Certificate existed is judged once one is created on disk', async () => {
    // The first read of the workspace found no Certificate: both inventories were put off.
    await client.waitForLog((line) => line.includes('2 put off'));
    await client.open(inventoryUri(), INVENTORY, 'yaml');
    const first = await client.waitForDiagnostics(inventoryUri());
    assert.deepEqual(withRule(first, UNCOVERED), [], 'no Certificate in the workspace: nothing is uncovered');
    const created = client.mark();
    write('k8s/web.yaml', WEB);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: vscodeUri(file('k8s/web.yaml')), type: 1 }] });
    const published = await client.waitForDiagnostics(inventoryUri(), { after: created, where: entriesAre(['api', 'blog']) });
    assert.equal(published.version, 1, 'the inventory was not edited or reopened');
    await client.close(inventoryUri());
  });

  test('a Certificate opened in the editor is compared with every inventory on disk, the one put off included', async () => {
    // shop is listed only in the other inventory, which no Certificate needed until web's came.
    const text = manifest(WEB, SHOP, certificate('mail', ['mail.example.com']));
    await client.open(manifestUri(), text, 'yaml');
    const published = await client.waitForDiagnostics(manifestUri(), { where: (p) => withRule(p, UNLISTED).length > 0 });
    assert.deepEqual(withRule(published, UNLISTED).map((d) => d.message), [
      'No inventory entry lists the hosts of Certificate "mail" (mail.example.com): nobody owns it, nobody is told when its renewal fails.',
    ]);
    // Every publish before it said nothing of web (listed in one inventory) or shop (in the other).
    const unlisted = client.published.filter((p) => p.uri === manifestUri()).flatMap((p) => withRule(p, UNLISTED).map((d) => String(d.message)));
    assert.ok(unlisted.every((m) => m.includes('"mail"')), unlisted.join('\n'));
  });
});

function entriesAre(expected: string[]) {
  return (p: PublishDiagnosticsParams) => JSON.stringify(uncoveredEntries(p)) === JSON.stringify(expected);
}

/** The cross-file cert/* rules and detection by content through the built CLI: a folder of an inventory and cert-manager manifests. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { certificate, entry, inventory } from '../helpers/crossFile';
import { positionOf, runCli, runJson, tempTree } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
const CROSS = new Set(['cert/not-in-inventory', 'cert/no-certificate-resource']);

const INVENTORY = inventory(entry('web', ['www.example.com']), entry('api', ['api.example.com'], { namespace: 'api' }), entry('blog', ['blog.example.com'], { method: 'acme', expires: '2027-08-16' }));
const MANIFEST = [certificate('web', ['www.example.com'], { namespace: 'web' }), certificate('shop', ['shop.example.com'], { namespace: 'shop' })].join('---\n');

describe('lint: a cert-manager manifest named like an inventory', () => {
  it('is checked as a cert-manager file: no "no certificates: list", no cert/unknown-key', () => {
    const root = tempTree({ 'k8s/certificates.yaml': certificate('web', ['www.example.com'], { namespace: 'web' }).replace('spec:', 'spec:\n  duration: 720h\n  renewBefore: 720h') });
    const { code, findings } = runJson([...NOW, 'k8s/certificates.yaml'], { cwd: root });
    assert.equal(code, 0);
    // Its own rules still run: it is a cert-manager file, not nothing.
    assert.deepEqual(findings.map((f) => f.rule), ['cert/renew-before']);
  });
});

describe('lint: an inventory beside cert-manager manifests', () => {
  const root = tempTree({ 'inventory/cert-inventory.yaml': INVENTORY, 'k8s/certificates.yaml': MANIFEST, 'k8s/issuer.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: letsencrypt }\nspec: { acme: { server: https://acme.example.com } }\n' });

  it('reports each side by line and column, with the other file as related information in JSON', () => {
    const { code, findings } = runJson([...NOW, '.'], { cwd: root });
    assert.equal(code, 0, 'an info and a warning do not fail the run');
    const cross = findings.filter((f) => CROSS.has(f.rule));
    const api = positionOf(INVENTORY, 'api\n');
    const shop = positionOf(MANIFEST, 'dnsNames:\n    - "shop');
    assert.deepEqual(
      cross.map(({ file, line, column, severity, rule }) => ({ file, line, column, severity, rule })),
      [
        { file: 'inventory/cert-inventory.yaml', line: api.line, column: api.column, severity: 'warning', rule: 'cert/no-certificate-resource' },
        { file: 'k8s/certificates.yaml', line: shop.line, column: shop.column, severity: 'info', rule: 'cert/not-in-inventory' },
      ],
    );
    const [uncovered, unlisted] = cross as (typeof cross[number] & { related: { file: string; line: number; column: number; message: string }[] })[];
    assert.equal(uncovered.message, 'Entry "api" is renewed by cert-manager, but no Certificate in the workspace covers api.example.com in namespace "api".');
    const web = positionOf(MANIFEST, 'dnsNames:\n    - "www');
    const shopNames = positionOf(MANIFEST, 'dnsNames:\n    - "shop');
    assert.deepEqual(uncovered.related, [
      { file: 'k8s/certificates.yaml', line: web.line, column: web.column, message: 'Certificate "web/web" covers www.example.com' },
      { file: 'k8s/certificates.yaml', line: shopNames.line, column: shopNames.column, message: 'Certificate "shop/shop" covers shop.example.com' },
    ]);
    assert.deepEqual(unlisted.related, [{ file: 'inventory/cert-inventory.yaml', line: 1, column: 1, message: 'No entry of this inventory lists shop.example.com' }]);
    // Only findings pointing into another file get `related`: the JSON of every other finding is as before.
    assert.ok(findings.filter((f) => !CROSS.has(f.rule)).every((f) => !('related' in f)));
  });

  it('compares only the files it is given: the inventory alone has no manifest to compare with', () => {
    const alone = runJson([...NOW, 'inventory'], { cwd: root });
    assert.deepEqual(alone.findings.filter((f) => CROSS.has(f.rule)), []);
    const manifestsOnly = runJson([...NOW, 'k8s'], { cwd: root });
    assert.deepEqual(manifestsOnly.findings.filter((f) => CROSS.has(f.rule)), []);
    const both = runJson([...NOW, 'inventory/cert-inventory.yaml', 'k8s/certificates.yaml'], { cwd: root });
    assert.equal(both.findings.filter((f) => CROSS.has(f.rule)).length, 2);
  });

  it('shows them in the text output too, with paths relative to the working directory', () => {
    const run = runCli(['lint', ...NOW, '.'], { cwd: root });
    assert.match(run.stdout, /inventory\/cert-inventory\.yaml:\d+:\d+ +warning +cert\/no-certificate-resource +Entry "api" is renewed by cert-manager/);
    assert.match(run.stdout, /k8s\/certificates\.yaml:\d+:\d+ +info +cert\/not-in-inventory +No inventory entry lists the hosts of Certificate "shop\/shop" \(shop\.example\.com\)/);
  });
});

describe('lint --changed-since: a changed inventory beside unchanged manifests', () => {
  const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });

  it('checks only the changed files, judged against the manifests that did not change', () => {
    const root = tempTree({ 'inventory/cert-inventory.yaml': inventory(entry('web', ['www.example.com'])), 'k8s/certificates.yaml': MANIFEST });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    const changed = inventory(entry('web', ['www.example.com']), entry('shop', ['shop.example.com'], { namespace: 'shop' }), entry('api', ['api.example.com']));
    fs.writeFileSync(path.join(root, 'inventory/cert-inventory.yaml'), changed);
    const { findings } = runJson([...NOW, '--changed-since', 'HEAD', '.'], { cwd: root });
    assert.deepEqual([...new Set(findings.map((f) => f.file))], ['inventory/cert-inventory.yaml'], 'the manifest did not change: not checked');
    // web and shop are covered by the unchanged manifest; api is not.
    assert.deepEqual(
      findings.filter((f) => CROSS.has(f.rule)).map((f) => [f.rule, f.line, f.column]),
      [['cert/no-certificate-resource', positionOf(changed, 'api\n').line, positionOf(changed, 'api\n').column]],
    );
  });
});

/** cert/not-in-inventory: Certificates of one file against the inventories of the others. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CertWorkspaceIndex } from '../../../../server/src/core/inventory/crossFile';
import { lint } from '../../../../server/src/core/lint';
import { defaultConfig } from '../../../../server/src/core/config';
import { certificate, crossFileRules, entry, inventory, lintWorkspace } from '../../../helpers/crossFile';
import { byRule, covered, NOW } from '../../../helpers/inventory';

const RULE = 'cert/not-in-inventory';
const INVENTORY = '/repo/certificates.yaml';
const MANIFEST = '/repo/k8s/certificates.yaml';

describe('cert/not-in-inventory', () => {
  it('reports a Certificate no entry lists, at its dnsNames, with the inventory as related information', () => {
    const manifest = certificate('shop', ['shop.example.com', 'www.shop.example.com'], { namespace: 'shop' });
    const out = lintWorkspace({ [INVENTORY]: inventory(entry('api', ['api.example.com'], { method: 'acme' })), [MANIFEST]: manifest });
    const [finding, ...rest] = byRule(out[MANIFEST], RULE);
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, 'No inventory entry lists the hosts of Certificate "shop/shop" (shop.example.com, www.shop.example.com): nobody owns it, nobody is told when its renewal fails.');
    assert.deepEqual(finding.range, { start: { line: 7, character: 2 }, end: { line: 9, character: 28 } });
    assert.equal(covered(manifest, finding.range), 'dnsNames:\n    - "shop.example.com"\n    - "www.shop.example.com"');
    assert.deepEqual(finding.related, [
      {
        uri: `file://${INVENTORY}`,
        path: INVENTORY,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } },
        message: 'No entry of this inventory lists shop.example.com, www.shop.example.com',
      },
    ]);
    // The inventory says nothing about a Certificate it does not list, and the entry (acme) is no cert-manager one.
    assert.deepEqual(crossFileRules(out[INVENTORY]), []);
  });
  it('is silent when any entry lists one of its names, whatever the entry\'s renewal method', () => {
    for (const method of ['cert-manager', 'acme', 'manual']) {
      const out = lintWorkspace({
        [INVENTORY]: inventory(entry('shop', ['shop.example.com'], { method })),
        [MANIFEST]: certificate('shop', ['shop.example.com', 'www.shop.example.com']),
      });
      assert.deepEqual(byRule(out[MANIFEST], RULE), [], method);
    }
  });
  it('lets a wildcard on either side cover one label', () => {
    const listed = (hosts: string[], names: string[]) =>
      byRule(lintWorkspace({ [INVENTORY]: inventory(entry('e', hosts)), [MANIFEST]: certificate('c', names) })[MANIFEST], RULE).length === 0;
    assert.ok(listed(['*.example.com'], ['api.example.com']));
    assert.ok(listed(['api.example.com'], ['*.example.com']));
    assert.ok(listed(['API.example.com.:443'], ['api.example.com']));
    assert.ok(!listed(['*.example.com'], ['a.b.example.com']));
    assert.ok(!listed(['*.example.com'], ['example.com']));
  });
  it('asks the namespaces to agree when both name one, and says so when only they differ', () => {
    const run = (entryNs: string | undefined, certNs: string | undefined) =>
      byRule(lintWorkspace({ [INVENTORY]: inventory(entry('web', ['www.example.com'], { namespace: entryNs })), [MANIFEST]: certificate('web', ['www.example.com'], { namespace: certNs }) })[MANIFEST], RULE);
    assert.deepEqual(run('prod', 'prod'), []);
    assert.deepEqual(run('prod-cluster/prod', 'prod'), []);
    assert.deepEqual(run(undefined, 'prod'), []);
    assert.deepEqual(run('prod', undefined), []);
    const [finding] = run('staging', 'prod');
    assert.equal(finding.message, 'No inventory entry lists the hosts of Certificate "prod/web" (www.example.com) in namespace "prod": entry "web" has them in namespace "staging".');
  });
  it('matches and reports a Certificate with a commonName only, at the commonName', () => {
    const manifest = certificate('legacy', [], { commonName: 'legacy.example.com' });
    const reported = lintWorkspace({ [INVENTORY]: inventory(entry('api', ['api.example.com'])), [MANIFEST]: manifest });
    const [finding] = byRule(reported[MANIFEST], RULE);
    assert.equal(covered(manifest, finding.range), 'legacy.example.com');
    const listed = lintWorkspace({ [INVENTORY]: inventory(entry('legacy', ['legacy.example.com'])), [MANIFEST]: manifest });
    assert.deepEqual(byRule(listed[MANIFEST], RULE), []);
  });
  it('reads every inventory of the workspace, and names each when none lists the Certificate', () => {
    const second = '/repo/team-b/cert-inventory.yaml';
    const files = { [INVENTORY]: inventory(entry('api', ['api.example.com'])), [second]: inventory(entry('shop', ['shop.example.com'])) };
    assert.deepEqual(byRule(lintWorkspace({ ...files, [MANIFEST]: certificate('shop', ['shop.example.com']) })[MANIFEST], RULE), []);
    const [finding] = byRule(lintWorkspace({ ...files, [MANIFEST]: certificate('blog', ['blog.example.com']) })[MANIFEST], RULE);
    assert.deepEqual(finding.related?.map((r) => r.path).sort(), [INVENTORY, second].sort());
  });
  it('says nothing without an inventory in the workspace, for templated names, or while the workspace is read', () => {
    assert.deepEqual(crossFileRules(lintWorkspace({ [MANIFEST]: certificate('shop', ['shop.example.com']) })[MANIFEST]), []);
    const templated = lintWorkspace({ [INVENTORY]: inventory(entry('api', ['api.example.com'])), [MANIFEST]: certificate('t', ['{{ .Values.host }}', '${HOST}']) });
    assert.deepEqual(byRule(templated[MANIFEST], RULE), []);
    const pending = new CertWorkspaceIndex(false);
    const text = `${inventory(entry('api', ['api.example.com']))}---\n${certificate('shop', ['shop.example.com'])}`;
    assert.deepEqual(crossFileRules(lint({ path: INVENTORY, text }, defaultConfig(), { now: NOW, workspace: pending })), []);
  });
  it('reads the document alone when linted without a workspace: an inventory and Certificates in one file', () => {
    const text = `${inventory(entry('api', ['api.example.com']))}---\n${certificate('api', ['api.example.com'])}---\n${certificate('shop', ['shop.example.com'])}`;
    const findings = byRule(lint({ path: INVENTORY, text }, defaultConfig(), { now: NOW }), RULE);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Certificate "shop" \(shop\.example\.com\)/);
    // Related information inside the same file names no other URI.
    assert.deepEqual(findings[0].related?.map((r) => [r.uri, r.range.start.line]), [[undefined, 0]]);
  });
  it('names a Certificate without metadata.name "(unnamed)"', () => {
    const unnamed = certificate('x', ['shop.example.com']).replace('  name: x\n', '');
    const [finding] = byRule(lintWorkspace({ [INVENTORY]: inventory(entry('api', ['api.example.com'])), [MANIFEST]: unnamed })[MANIFEST], RULE);
    assert.equal(finding.message, 'No inventory entry lists the hosts of Certificate (unnamed) (shop.example.com): nobody owns it, nobody is told when its renewal fails.');
  });
  it('follows YAML aliases in dnsNames, and underlines what is written', () => {
    const aliased = (names: string) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web, annotations: { n: &n [www.example.com], one: &one www.example.com } }\nspec:\n  secretName: web-tls\n  dnsNames: ${names}\n`;
    const run = (hosts: string[], names: string) => lintWorkspace({ [INVENTORY]: inventory(entry('e', hosts)), [MANIFEST]: aliased(names) });
    assert.deepEqual(byRule(run(['www.example.com'], '*n')[MANIFEST], RULE), []);
    assert.deepEqual(byRule(run(['www.example.com'], '[*one]')[MANIFEST], RULE), []);
    const [finding] = byRule(run(['api.example.com'], '*n')[MANIFEST], RULE);
    assert.equal(covered(aliased('*n'), finding.range), 'dnsNames: *n');
  });
  it('honours suppression comments in the manifest', () => {
    const manifest = certificate('shop', ['shop.example.com']).replace('  dnsNames:', '  # incident-docs-disable-next-line cert/not-in-inventory\n  dnsNames:');
    const out = lintWorkspace({ [INVENTORY]: inventory(entry('api', ['api.example.com'])), [MANIFEST]: manifest });
    assert.deepEqual(byRule(out[MANIFEST], RULE), []);
  });
});

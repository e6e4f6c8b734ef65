/** cert/no-certificate-resource: inventory entries renewed by cert-manager against the Certificates of the other files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificate, crossFileRules, entry, inventory, lintWorkspace } from '../../../helpers/crossFile';
import { byRule, covered } from '../../../helpers/inventory';

const RULE = 'cert/no-certificate-resource';
const INVENTORY = '/repo/certificates.yaml';
const MANIFEST = '/repo/k8s/certificates.yaml';

const run = (inventoryText: string, ...manifests: string[]) =>
  lintWorkspace({ [INVENTORY]: inventoryText, ...Object.fromEntries(manifests.map((m, i) => [`/repo/k8s/m${i}.yaml`, m])) });

describe('cert/no-certificate-resource', () => {
  it('warns at the entry when no Certificate covers its hosts, pointing at the Certificates there are', () => {
    const text = inventory(entry('web', ['www.example.com']), entry('api', ['api.example.com']));
    const out = lintWorkspace({ [INVENTORY]: text, [MANIFEST]: certificate('api', ['api.example.com']) });
    const [finding, ...rest] = byRule(out[INVENTORY], RULE);
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.message, 'Entry "web" is renewed by cert-manager, but no Certificate in the workspace covers www.example.com.');
    assert.deepEqual(finding.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 13 } });
    assert.equal(covered(text, finding.range), 'web');
    assert.deepEqual(finding.related, [
      {
        uri: `file://${MANIFEST}`,
        path: MANIFEST,
        range: { start: { line: 6, character: 2 }, end: { line: 7, character: 23 } },
        message: 'Certificate "api" covers api.example.com',
      },
    ]);
    assert.deepEqual(crossFileRules(out[MANIFEST]), []);
  });
  it('is silent when a Certificate covers every host, by name, wildcard or commonName, in any file', () => {
    const inv = inventory(entry('web', ['www.example.com', 'api.example.com:8443']));
    assert.deepEqual(byRule(run(inv, certificate('web', ['www.example.com', 'api.example.com']))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inv, certificate('web', ['*.example.com']))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inv, certificate('www', [], { commonName: 'www.example.com' }), certificate('api', ['api.example.com']))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inventory(entry('all', ['*.example.com'])), certificate('wild', ['*.example.com']))[INVENTORY], RULE), []);
  });
  it('names the hosts left uncovered when a Certificate covers only some, with that Certificate as related', () => {
    const out = run(inventory(entry('web', ['www.example.com', 'shop.example.com'])), certificate('www', ['www.example.com']));
    const [finding] = byRule(out[INVENTORY], RULE);
    assert.equal(finding.message, 'Entry "web" is renewed by cert-manager, but no Certificate in the workspace covers shop.example.com (its other hosts are covered).');
    assert.deepEqual(finding.related?.map((r) => r.message), ['Certificate "www" covers www.example.com']);
  });
  it('asks the namespaces to agree when both name one', () => {
    const inv = (ns?: string) => inventory(entry('web', ['www.example.com'], { namespace: ns }));
    const cert = (ns?: string) => certificate('web', ['www.example.com'], { namespace: ns });
    assert.deepEqual(byRule(run(inv('prod'), cert('prod'))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inv('eu-cluster/prod'), cert('prod'))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inv(), cert('prod'))[INVENTORY], RULE), []);
    assert.deepEqual(byRule(run(inv('prod'), cert())[INVENTORY], RULE), []);
    const [finding] = byRule(run(inv('prod'), cert('staging'))[INVENTORY], RULE);
    assert.equal(finding.message, 'Entry "web" is renewed by cert-manager, but no Certificate in the workspace covers www.example.com in namespace "prod".');
  });
  it('points at the Certificates of the entry\'s namespace first', () => {
    const out = run(
      inventory(entry('web', ['www.example.com'], { namespace: 'prod' })),
      certificate('other', ['other.example.com'], { namespace: 'staging' }),
      certificate('api', ['api.example.com'], { namespace: 'prod' }),
    );
    assert.deepEqual(byRule(out[INVENTORY], RULE)[0].related?.map((r) => r.message), ['Certificate "prod/api" covers api.example.com']);
  });
  it('judges only entries renewed by cert-manager (own or from defaults)', () => {
    const manifest = certificate('api', ['api.example.com']);
    assert.deepEqual(byRule(run(inventory(entry('web', ['www.example.com'], { method: 'acme' })), manifest)[INVENTORY], RULE), []);
    const inherited = 'defaults:\n  renewal: { method: cert-manager }\ncertificates:\n  - name: web\n    hosts: [www.example.com]\n    owner: a@example.com\n    notify: [a@example.com]\n';
    assert.equal(byRule(run(inherited, manifest)[INVENTORY], RULE).length, 1);
  });
  it('says nothing when the workspace holds no Certificate (an Issuer alone, or no manifest at all)', () => {
    const inv = inventory(entry('web', ['www.example.com']));
    const issuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: letsencrypt }\nspec: { acme: { server: https://acme.example.com } }\n';
    assert.deepEqual(crossFileRules(run(inv)[INVENTORY]), []);
    assert.deepEqual(crossFileRules(run(inv, issuer)[INVENTORY]), []);
    // A Certificate whose names are all templated cannot be judged: as if absent.
    assert.deepEqual(crossFileRules(run(inv, certificate('t', ['{{ .Values.host }}']))[INVENTORY]), []);
  });
  it('judges each inventory of the workspace against every Certificate', () => {
    const second = '/repo/team-b/cert-inventory.yaml';
    const out = lintWorkspace({
      [INVENTORY]: inventory(entry('web', ['www.example.com'])),
      [second]: inventory(entry('shop', ['shop.example.com'])),
      [MANIFEST]: certificate('www', ['www.example.com']),
    });
    assert.deepEqual(byRule(out[INVENTORY], RULE), []);
    assert.equal(byRule(out[second], RULE).length, 1);
  });
});

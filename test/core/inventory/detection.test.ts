import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lint } from '../../../server/src/core/lint';
import { certificateYamlType } from '../../../server/src/core/documentTypes/inventory';
import { CLEAN_INVENTORY, configWith, NOW } from '../../helpers/inventory';

const config = defaultConfig();
const applies = (path: string | undefined, text: string, languageId?: string, c = config) =>
  analyze({ path, text, languageId }, c).parsed.some((p) => p.type === certificateYamlType);

describe('detection', () => {
  it('matches YAML by extension, language id, or (no path) content', () => {
    const m = (path: string | undefined, text: string, languageId?: string) => certificateYamlType.matches({ path, text, languageId }, config);
    assert.ok(m('/a/b.yaml', ''));
    assert.ok(m('/a/b.YML', ''));
    assert.ok(m('/a/issuer.yaml.j2', ''));
    assert.ok(m('/a/b.txt', '', 'yaml'));
    assert.ok(m(undefined, 'certificates:\n  - name: x\n'));
    assert.ok(!m('/a/b.md', 'certificates:\n'));
    assert.ok(!m(undefined, '# Post-mortem\n'));
  });
  it('applies to a top-level certificates list under any name', () => {
    assert.ok(applies('/x/anything.yaml', CLEAN_INVENTORY));
    assert.ok(!applies('/x/anything.yaml', 'certificates: 3\n'));
    assert.ok(!applies('/x/values.yaml', 'replicaCount: 2\ncertificates_dir: /etc\n'));
  });
  it('applies to paths matching inventoryGlobs', () => {
    assert.ok(applies('/repo/certs/inventory-prod.yaml', 'defaults: {}\n'));
    assert.ok(applies('/repo/cert-inventory.yml', ''));
    assert.ok(!applies('/repo/tls.yaml', 'defaults: {}\n'));
    assert.ok(applies('/repo/tls.yaml', 'defaults: {}\n', undefined, configWith({ inventoryGlobs: ['**/tls.yaml'] })));
  });
  it('applies to cert-manager documents, current and legacy, among others', () => {
    const issuer = (api: string, kind = 'ClusterIssuer') => `apiVersion: v1\nkind: Secret\n---\napiVersion: ${api}\nkind: ${kind}\nmetadata: { name: x }\n`;
    assert.ok(applies('/k/a.yaml', issuer('cert-manager.io/v1')));
    assert.ok(applies('/k/a.yaml', issuer('certmanager.k8s.io/v1alpha1')));
    assert.ok(!applies('/k/a.yaml', issuer('cert-manager.io/v1', 'CertificateRequest')));
    assert.ok(!applies('/k/a.yaml', issuer('networking.k8s.io/v1', 'Ingress')));
  });
});

describe('detection by content before name', () => {
  const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  secretName: web-tls\n  dnsNames: [www.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n';
  const kindsOf = (path: string, text: string) => analyze({ path, text }, config).parsed.map((p) => p.model.kind);
  it('a cert-manager manifest named like an inventory is a cert-manager file, with no inventory findings', () => {
    for (const path of ['/k8s/certificates.yaml', '/k8s/certificates-prod.yml', '/k8s/cert-inventory.yaml']) {
      assert.deepEqual(kindsOf(path, certificate), ['cert-manager'], path);
      const findings = lint({ path, text: certificate }, config, { now: NOW });
      assert.deepEqual(findings.filter((f) => f.rule === 'cert/missing-field' || f.rule === 'cert/unknown-key'), [], path);
    }
  });
  it('any cert-manager kind, also beside other Kubernetes resources, keeps a glob from making an inventory', () => {
    const request = 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n---\napiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata: { name: r }\n';
    assert.deepEqual(kindsOf('/k8s/certificates.yaml', request), []);
    assert.deepEqual(lint({ path: '/k8s/certificates.yaml', text: request }, config, { now: NOW }), []);
    const order = 'apiVersion: acme.cert-manager.io/v1\nkind: Order\nmetadata: { name: o }\n';
    assert.deepEqual(kindsOf('/k8s/certificates.yaml', order), []);
  });
  it('a glob still makes an inventory of a file with no cert-manager resource, and a certificates: list still wins', () => {
    assert.deepEqual(kindsOf('/repo/certificates.yaml', 'defaults: {}\n'), ['inventory']);
    assert.deepEqual(kindsOf('/repo/certificates.yaml', 'apiVersion: v1\nkind: ConfigMap\n'), ['inventory']);
    assert.deepEqual(kindsOf('/repo/certificates.yaml', `${CLEAN_INVENTORY}---\n${certificate}`), ['inventory']);
  });
});

describe('robustness', () => {
  it('survives an alias bomb quickly, without expanding it', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    text += 'certificates:\n  - name: *a11\n    hosts: *a11\n    owner: *a11\n    notify: *a11\n    expires: *a11\n';
    const started = Date.now();
    const findings = lint({ path: '/x/bomb.yaml', text }, config, { now: NOW });
    assert.ok(Date.now() - started < 2000, 'no exponential expansion');
    assert.ok(!findings.some((f) => f.rule.startsWith('doc/')), JSON.stringify(findings.filter((f) => f.rule.startsWith('doc/'))));
  });
  it('never throws on odd input', () => {
    const odd = ['', '---\n---\n', 'certificates:\n  - \n  - [1, 2]\n  - name: {a: b}\n    hosts: {x: y}\n    expires: [2026]\n    notify: 42\n', '- a\n- b\n', 'certificates: [', '\t\tcertificates:\n', 'certificates:\n  - name: x\n    expires: 2026-13-45\n    hosts: ["[::1", ":", "a:b:c"]\n', 'certificates: !!binary aGVsbG8=\n', '? [a]\n: b\ncertificates: []\n'];
    for (const text of odd) {
      const findings = lint({ path: '/x/cert-inventory.yaml', text }, config, { now: NOW });
      assert.ok(!findings.some((f) => f.rule === 'doc/internal-error'), `${JSON.stringify(text)}: ${JSON.stringify(findings)}`);
    }
  });
  it('handles CRLF line endings with correct ranges', () => {
    const text = CLEAN_INVENTORY.replace('expires: 2027-08-16T16:14:00Z', 'expires: 2026-11-01').replace(/\n/g, '\r\n');
    const [finding] = lint({ path: '/x/inv.yaml', text }, config, { now: NOW });
    assert.equal(finding.rule, 'cert/expired');
    assert.deepEqual(finding.range, { start: { line: 10, character: 13 }, end: { line: 10, character: 23 } });
  });
});

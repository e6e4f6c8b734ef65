/**
 * The server parses a YAML file for the cross-file rules only when its text may hold a Certificate
 * (or a Certificate elsewhere needs its entries): the text check must never say no where the parse
 * finds one, or that Certificate would go unseen.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { mayHoldCertificate } from '../../../server/src/core/inventory/certManager';
import { buildCertModel } from '../../../server/src/core/inventory/model';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'certs');
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'certs');
const config = defaultConfig();
const holdsCertificate = (text: string) => buildCertModel({ path: '/w/x.yaml', text }, config).resources.some((r) => r.kind === 'Certificate');
const certificate = (apiVersion: string, kind = 'Certificate') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: web }\nspec: { dnsNames: [web.example.com] }\n`;

describe('mayHoldCertificate', () => {
  it('says yes to every Certificate the parse finds: current and legacy apiVersions, quoted, among other documents', () => {
    for (const text of [
      certificate('cert-manager.io/v1'),
      certificate('"cert-manager.io/v1"'),
      certificate('certmanager.k8s.io/v1alpha1'),
      `apiVersion: v1\nkind: Secret\n---\n${certificate("'cert-manager.io/v1'", '"Certificate"')}`,
    ]) {
      assert.ok(holdsCertificate(text), text);
      assert.ok(mayHoldCertificate(text), text);
    }
  });

  it('says no to files that hold none: other cert-manager kinds, other API groups, inventories', () => {
    for (const text of [
      certificate('cert-manager.io/v1', 'ClusterIssuer'),
      certificate('cert-manager.io/v1', 'CertificateRequest'),
      certificate('example.com/v1'),
      'certificates:\n  - name: web\n    hosts: [web.example.com]\n    expires: 2027-01-01\n',
    ]) {
      assert.ok(!holdsCertificate(text), text);
      assert.ok(!mayHoldCertificate(text), text);
    }
  });

  for (const [name, dir] of [['the fixtures', FIXTURES], ['the shared corpus', CORPUS]] as const) {
    it(`never says no where the parse finds a Certificate: ${name}`, { skip: !existsSync(dir) && `${dir} not present` }, () => {
      let certificates = 0;
      for (const file of readdirSync(dir).filter((f) => /\.ya?ml(\.j2)?$/.test(f))) {
        const text = readFileSync(join(dir, file), 'utf8');
        if (!holdsCertificate(text)) continue;
        certificates++;
        assert.ok(mayHoldCertificate(text), file);
      }
      if (dir === CORPUS) assert.ok(certificates > 0, 'the corpus holds Certificates');
    });
  }
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lint } from '../../../server/src/core/lint';
import type { Finding } from '../../../server/src/core/types';
import { byRule, covered, NOW } from '../../helpers/inventory';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'certs');
const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'certs');

function lintFile(dir: string, name: string): { text: string; findings: Finding[] } {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  return { text, findings: lint({ path, text }, defaultConfig(), { now: NOW }) };
}

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml(\.j2)?$/.test(f)).sort();

describe('corpus fixtures (test/fixtures/certs)', () => {
  it('finds the personal gmail ACME address in the 2i2c ClusterIssuer', () => {
    const { text, findings } = lintFile(FIXTURES, '2i2c-org__infrastructure__helm-charts-support-templates-issuer.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, covered(text, f.range)]), [['cert/personal-email', 'yuvipanda@gmail.com']]);
    assert.match(findings[0].message, /gmail\.com is a free-mail provider/);
  });
  it('finds the first-name ACME address of both billimek issuers as one finding, the second issuer related', () => {
    const { text, findings } = lintFile(FIXTURES, 'billimek__k8s-gitops__kubernetes-cert-manager-cloudflare-cert-manager-letsencrypt.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, covered(text, f.range), f.range.start.line]), [['cert/personal-email', 'jeff@billimek.com', 8]]);
    assert.deepEqual(findings[0].related?.map((r) => [covered(text, r.range), r.range.start.line]), [['jeff@billimek.com', 29]]);
    assert.match(findings[0].message, /Also used by ClusterIssuer\/letsencrypt-prod/);
  });
  it('gives the Helm-wrapped mybinder file a syntax finding that names templates, and no personal e-mail', () => {
    const { findings } = lintFile(FIXTURES, 'jupyterhub__mybinder.org-deploy__mybinder-templates-cluster-issuer.yaml');
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.rule === 'cert/yaml-syntax'), JSON.stringify(findings));
    assert.match(findings[0].message, /template markers/);
  });
  it('accepts the legacy API file with a Helm e-mail expression, and the equinor Certificate (762h < 2160h)', () => {
    assert.deepEqual(lintFile(FIXTURES, 'jupyterhub__mybinder.org-deploy__mybinder-templates-clusterissuer.yaml').findings, []);
    assert.deepEqual(lintFile(FIXTURES, 'equinor__radix-platform__scripts-cert-manager-manifests-cluster-wildcard-tls-cert.yaml').findings, []);
  });
  it('reads the Jinja .yaml.j2 file as cert-manager with its four resources', () => {
    const name = 'onedr0p__cluster-template__template-config-kubernetes-apps-cert-manager-cert-manager-app-clusterissuer.yaml.j2';
    const path = join(FIXTURES, name);
    const analysis = analyze({ path, text: readFileSync(path, 'utf8') }, defaultConfig());
    const model = analysis.parsed.find((p) => p.model.kind === 'cert-manager');
    assert.ok(model, 'detected as cert-manager');
    const outline = model.outline();
    assert.deepEqual(outline.map((o) => o.name), [
      'ClusterIssuer/letsencrypt-production',
      'ClusterIssuer/selfsigned',
      'Certificate/internal-ca',
      'ClusterIssuer/internal-ca',
    ]);
  });
});

describe('the shared corpus (../shared/corpus/certs)', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  it('lints every file without an exception, with ranges inside the text', () => {
    const files = yamlFiles(CORPUS);
    assert.ok(files.length >= 19);
    for (const name of files) {
      const { text, findings } = lintFile(CORPUS, name);
      for (const f of findings) {
        assert.ok(f.rule.startsWith('cert/'), `${name}: ${f.rule} ${f.message}`);
        assert.ok(covered(text, f.range).length > 0, `${name}: empty range for ${f.rule}`);
      }
    }
  });
  it('finds exactly the personal ACME e-mails, and syntax findings only in templated files', () => {
    const personal = new Set<string>();
    for (const name of yamlFiles(CORPUS)) {
      const { text, findings } = lintFile(CORPUS, name);
      for (const f of byRule(findings, 'cert/personal-email')) personal.add(covered(text, f.range));
      for (const f of byRule(findings, 'cert/yaml-syntax')) assert.match(f.message, /template markers/, name);
    }
    assert.deepEqual([...personal].sort(), ['jeff@billimek.com', 'yuvipanda@gmail.com']);
  });
});

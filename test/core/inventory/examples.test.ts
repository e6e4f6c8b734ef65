import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { CertWorkspaceIndex, factsOfParsed } from '../../../server/src/core/inventory/crossFile';
import { analyze, lint } from '../../../server/src/core/lint';
import { certRules } from '../../../server/src/core/rules/cert';
import { NOW } from '../../helpers/inventory';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'examples');
const FILES = ['inventory/cert-inventory.yaml', 'inventory/certificates.yaml', 'cert-manager/cluster-issuer.yaml', 'cert-manager/certificate.yaml'];

/** The examples' Certificates and entries, as `incident-docs lint examples` compares them across files. */
const workspace = new CertWorkspaceIndex();
for (const file of FILES) {
  const path = join(ROOT, file);
  const facts = factsOfParsed(analyze({ path, text: readFileSync(path, 'utf8') }, defaultConfig()).parsed, { path });
  if (facts) workspace.set(path, facts);
}

function lintExample(file: string) {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  return { text, findings: lint({ path, text }, defaultConfig(), { now: NOW, workspace }) };
}

describe('examples', () => {
  it('show every cert/* rule', () => {
    const seen = new Set(FILES.flatMap((f) => lintExample(f).findings.map((x) => x.rule)));
    // The live rules need a probe the user asked for; lint-live.test.ts shows them on real servers.
    assert.deepEqual(certRules.map((r) => r.id).filter((id) => !seen.has(id) && !id.startsWith('cert/live-')), []);
  });
  it('leave the clean entry and the team-address issuer alone', () => {
    const { text, findings } = lintExample('inventory/cert-inventory.yaml');
    const cleanEnd = text.indexOf('  # cert/expiring');
    const cleanStartLine = text.slice(0, text.indexOf('- name: api-gateway')).split('\n').length - 1;
    const cleanEndLine = text.slice(0, cleanEnd).split('\n').length - 1;
    assert.deepEqual(findings.filter((f) => f.range.start.line >= cleanStartLine && f.range.start.line < cleanEndLine), []);
    const issuer = lintExample('cert-manager/cluster-issuer.yaml').findings;
    assert.equal(issuer.length, 1);
    assert.match(issuer[0].message, /jane\.doe@gmail\.com/);
  });
  it('compare the inventory with the Certificates beside it: one entry uncovered, one Certificate unlisted', () => {
    const manifest = lintExample('inventory/certificates.yaml').findings;
    assert.deepEqual(manifest.map((f) => [f.rule, f.range.start.line + 1]), [['cert/not-in-inventory', 30]]);
    assert.match(manifest[0].message, /grafana\.example\.com/);
    const uncovered = lintExample('inventory/cert-inventory.yaml').findings.filter((f) => f.rule === 'cert/no-certificate-resource');
    assert.deepEqual(uncovered.map((f) => f.message), ['Entry "search" is renewed by cert-manager, but no Certificate in the workspace covers search.example.com in namespace "search".']);
  });
});

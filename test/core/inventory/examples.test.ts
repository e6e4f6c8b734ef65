import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { lint } from '../../../server/src/core/lint';
import { certRules } from '../../../server/src/core/rules/cert';
import { NOW } from '../../helpers/inventory';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'examples');
const FILES = ['inventory/cert-inventory.yaml', 'cert-manager/cluster-issuer.yaml', 'cert-manager/certificate.yaml'];

function lintExample(file: string) {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  return { text, findings: lint({ path, text }, defaultConfig(), { now: NOW }) };
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
});

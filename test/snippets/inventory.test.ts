import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { defaultConfig } from '../../server/src/core/config';
import { ENTRY_KEYS, RENEWAL_KEYS, RENEWAL_METHODS } from '../../server/src/core/inventory/keys';
import { analyze, kindsOf, lint } from '../../server/src/core/lint';
import { choices } from '../helpers/snippets';
import { expand, snippetFile } from './files';

const snippets = snippetFile('inventory.code-snippets');
const entry = snippets['Certificate inventory entry'];
const NOW = new Date('2026-11-27T18:00:00Z');
const FUTURE = '2027-06-30';

const lintYaml = (text: string) => lint({ path: 'infra/tls.yaml', text }, defaultConfig(), { now: NOW });
/** The entry as a user inserts it under `certificates:` (indented by the editor). */
const inventory = (item: string) => 'certificates:\n' + item.replace(/^(?=.)/gm, '  ');
const methodStop = () => [...choices(entry.body)].find(([, options]) => options.includes('acme'));

describe('inventory entry snippet', () => {
  const text = inventory(expand(entry));

  test('is an inventory whose entry has no unknown key and no missing field', () => {
    assert.deepEqual(kindsOf(analyze({ path: 'infra/tls.yaml', text }, defaultConfig())), ['inventory']);
    const findings = lintYaml(text);
    assert.deepEqual(findings.filter((f) => f.rule === 'cert/unknown-key' || f.rule === 'cert/missing-field'), []);
  });

  test('the expiry placeholder is reported until a date is typed; then nothing is', () => {
    assert.deepEqual(lintYaml(text).map((f) => `${f.rule} ${text.split('\n')[f.range.start.line].trim()}`), [
      'cert/invalid-value expires: YYYY-MM-DD',
    ]);
    assert.deepEqual(lintYaml(text.replace('YYYY-MM-DD', FUTURE)), []);
  });

  test('uses every field of the format (pemFile/pem as a comment: optional, and a missing file is an error)', () => {
    for (const key of ENTRY_KEYS) assert.match(text, new RegExp(`^\\s*(# )?-? ?${key}:|\\b${key}: \\|`, 'm'), key);
    const renewal = (parse(text).certificates[0].renewal ?? {}) as Record<string, unknown>;
    assert.deepEqual(Object.keys(renewal).sort(), [...RENEWAL_KEYS].sort());
  });

  test('renewal method is a choice of exactly the methods the schema allows, and each lints clean', () => {
    const stop = methodStop();
    assert.ok(stop, 'a choice for the method');
    assert.deepEqual(stop[1], ['acme', 'internal-ca', 'manual', 'cert-manager']);
    assert.deepEqual([...stop[1]].sort(), [...RENEWAL_METHODS].sort());
    for (const method of stop[1]) {
      const filled: string = inventory(expand(entry, undefined, { [stop[0]]: method })).replace('YYYY-MM-DD', FUTURE);
      assert.equal(parse(filled).certificates[0].renewal.method, method);
      assert.deepEqual(lintYaml(filled), [], method);
    }
  });

  test('owner and notify placeholders are team lists, not a person', () => {
    const item = parse(text).certificates[0];
    assert.match(item.owner, /team/);
    assert.ok(item.notify.length > 0 && item.notify.every((a: string) => /team/.test(a)));
    assert.ok(!lintYaml(text).some((f) => f.rule === 'cert/personal-email'));
  });

  test('two entries inserted one after the other (names typed) lint clean', () => {
    const one = (name: string) => expand(entry, undefined, { 1: name, 2: `${name}.example.com` });
    const text2 = inventory(one('api') + one('web')).replaceAll('YYYY-MM-DD', FUTURE);
    assert.equal(parse(text2).certificates.length, 2);
    assert.deepEqual(lintYaml(text2), []);
  });
});

describe('cert-manager snippets', () => {
  test('Certificate: 90 days, renewed 15 days before, lints clean as a cert-manager manifest', () => {
    const text = expand(snippets['cert-manager Certificate']);
    const doc = parse(text);
    assert.equal(doc.apiVersion, 'cert-manager.io/v1');
    assert.equal(doc.kind, 'Certificate');
    assert.equal(doc.spec.duration, '2160h');
    assert.equal(doc.spec.renewBefore, '360h');
    assert.equal(doc.spec.secretName, `${doc.metadata.name}-tls`);
    assert.ok(kindsOf(analyze({ path: 'k8s/cert.yaml', text }, defaultConfig())).length > 0, 'detected');
    assert.deepEqual(lintYaml(text), []);
  });

  test('Certificate with renewBefore raised to the duration is reported (the rule sees the snippet)', () => {
    const text = expand(snippets['cert-manager Certificate']).replace('renewBefore: 360h', 'renewBefore: 2160h');
    assert.deepEqual(lintYaml(text).map((f) => f.rule), ['cert/renew-before']);
  });

  test('ACME ClusterIssuer: the e-mail placeholder says team list, and a person typed there is reported', () => {
    const body = [snippets['cert-manager ACME ClusterIssuer'].body].flat().join('\n');
    assert.match(body, /email: \$\{\d+:team-list@example\.com\}/);
    const text = expand(snippets['cert-manager ACME ClusterIssuer']);
    const doc = parse(text);
    assert.equal(doc.kind, 'ClusterIssuer');
    assert.equal(doc.spec.acme.privateKeySecretRef.name, `${doc.metadata.name}-account-key`);
    assert.deepEqual(lintYaml(text), []);
    assert.deepEqual(lintYaml(text.replace('team-list@example.com', 'jane.doe@example.com')).map((f) => f.rule), [
      'cert/personal-email',
    ]);
  });
});

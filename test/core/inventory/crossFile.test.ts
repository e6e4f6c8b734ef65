import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { certFileFacts, CertWorkspaceIndex, factsOfParsed, HostLookup } from '../../../server/src/core/inventory/crossFile';
import { hostsMatch, namespacesAgree } from '../../../server/src/core/inventory/hostMatch';
import type { CertModel } from '../../../server/src/core/inventory/model';
import { analyze } from '../../../server/src/core/lint';
import { certificate, entry, inventory } from '../../helpers/crossFile';

const HOSTS = ['example.com', 'api.example.com', '*.example.com', 'a.b.example.com', '*.b.example.com', 'b.example.com', 'example.org', '*.org', 'localhost', '*', 'api.example.org'];

const modelOf = (path: string, text: string) => analyze({ path, text }, defaultConfig()).parsed[0].model as CertModel;

describe('HostLookup', () => {
  it('finds what hostsMatch matches, namespaces agreeing, each item once', () => {
    const items = HOSTS.flatMap((host, i) => [
      { id: `${i}`, hosts: [host] },
      { id: `${i}-ns`, hosts: [host, host], namespace: i % 2 ? 'a' : 'b' },
    ]);
    const lookup = new HostLookup(items);
    for (const host of HOSTS) {
      for (const namespace of [undefined, 'a', 'b']) {
        const expected = items.filter((item) => item.hosts.some((h) => hostsMatch(h, host)) && namespacesAgree(item.namespace, namespace)).map((i) => i.id).sort();
        assert.deepEqual(lookup.matching(host, namespace).map((i) => i.id).sort(), expected, `${host} in ${namespace}`);
      }
    }
  });
});

describe('a file\'s facts and the workspace index', () => {
  it('keep names, namespaces, labels and positions of Certificates and entries', () => {
    const text = `${inventory(entry('web', ['WWW.example.com:443', 'www.example.com', '{{ .Values.host }}'], { namespace: 'eu/web', method: 'acme' }))}---\n${certificate('web', ['www.example.com'], { namespace: 'web', commonName: 'www.example.com' })}`;
    const facts = certFileFacts(modelOf('/repo/certificates.yaml', text));
    assert.equal(facts.path, '/repo/certificates.yaml');
    assert.deepEqual(facts.entries.map(({ label, namespace, hosts, written, certManager, range }) => ({ label, namespace, hosts, written, certManager, line: range.start.line })), [
      { label: '"web"', namespace: 'web', hosts: ['www.example.com'], written: ['WWW.example.com:443'], certManager: false, line: 1 },
    ]);
    assert.deepEqual(facts.certificates.map(({ label, namespace, hosts }) => ({ label, namespace, hosts })), [{ label: 'Certificate "web/web"', namespace: 'web', hosts: ['www.example.com'] }]);
    assert.equal(facts.inventory?.range.start.line, 0);
  });
  it('keeps only files with something to compare, and says when what others read changed', () => {
    const index = new CertWorkspaceIndex();
    const facts = (text: string) => factsOfParsed(analyze({ path: '/k/c.yaml', text }, defaultConfig()).parsed, { path: '/k/c.yaml', uri: 'file:///k/c.yaml' });
    assert.equal(index.set('/k/c.yaml', facts('apiVersion: v1\nkind: ConfigMap\n')), false);
    assert.deepEqual([...index.all()], []);
    assert.equal(index.set('/k/c.yaml', facts(certificate('a', ['a.example.com']))), true);
    assert.equal(index.set('/k/c.yaml', facts(certificate('a', ['a.example.com']))), false, 'the same names: nothing changed');
    assert.equal(index.set('/k/c.yaml', facts(certificate('a', ['b.example.com']))), true);
    assert.equal(index.get('/k/c.yaml')?.uri, 'file:///k/c.yaml');
    assert.deepEqual([...index.others('/k/c.yaml')], []);
    assert.equal([...index.others('/other.yaml')].length, 1);
    assert.equal(index.delete('/k/c.yaml'), true);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CertWorkspaceIndex, HostLookup } from '../../../server/src/core/inventory/crossFile';
import { namespacesAgree } from '../../../server/src/core/inventory/hostMatch';
import type { CertFileFacts, IndexedCertificate, IndexedEntry } from '../../../server/src/core/inventory/workspaceFacts';
import { FileAmongOthers } from '../../../server/src/core/inventory/workspaceLookups';
import { Random } from '../../../bench/lib/random';

const HOSTS = ['example.com', 'api.example.com', '*.example.com', 'a.b.example.com', '*.b.example.com', 'b.example.com', 'example.org', '*.org', 'api.example.org'];
const NAMESPACES = [undefined, 'a', 'b'];
const place = { span: { start: 0, end: 1 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };

function randomFile(r: Random, path: string): CertFileFacts {
  const hosts = () => [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(HOSTS)))];
  const entries: IndexedEntry[] = Array.from({ length: r.int(0, 4) }, (_, i) => ({ ...place, label: `${path}#e${i}`, namespace: r.pick(NAMESPACES), hosts: hosts(), written: [], certManager: true }));
  const certificates: IndexedCertificate[] = Array.from({ length: r.int(0, 3) }, (_, i) => ({ ...place, label: `${path}#c${i}`, namespace: r.pick(NAMESPACES), hosts: hosts(), written: [] }));
  return { path, certificates, entries, inventory: r.chance(0.5) ? place : undefined };
}

/** What the rules read before the lookups were shared: one lookup built of the file, then the others. */
function oneLookup<T extends IndexedEntry | IndexedCertificate>(files: CertFileFacts[], itemsOf: (f: CertFileFacts) => T[]) {
  return new HostLookup(files.flatMap((file) => itemsOf(file).map((item) => ({ item, file, hosts: item.hosts, namespace: item.namespace }))));
}

describe('a file among the others of its workspace', () => {
  it('finds what one lookup of the file and the others would, in the same order, the index\'s copy of the file left out', () => {
    const r = new Random(5);
    for (let round = 0; round < 60; round++) {
      const index = new CertWorkspaceIndex();
      const paths = Array.from({ length: r.int(1, 6) }, (_, i) => `/w/f${i}.yaml`);
      for (const path of paths) index.set(path, randomFile(r, path));
      // The linted file: newer than the index's copy of it (an edit in the editor), or not indexed.
      const ownPath = r.chance(0.7) ? r.pick(paths) : '/w/new.yaml';
      const own = randomFile(r, ownPath);
      const files = [own, ...index.others(ownPath)];
      const view = new FileAmongOthers(own, ownPath, index);
      const entries = oneLookup(files, (f) => f.entries);
      const certificates = oneLookup(files, (f) => f.certificates);
      for (const host of HOSTS) {
        for (const namespace of NAMESPACES) {
          const label = `round ${round}, ${host} in ${namespace}`;
          assert.deepEqual(view.entriesMatching(host, namespace).map((e) => e.item.label), entries.matching(host, namespace).map((e) => e.item.label), label);
          assert.deepEqual(view.certificatesMatching(host, namespace).map((c) => c.item.label), certificates.matching(host, namespace).map((c) => c.item.label), label);
        }
      }
      assert.deepEqual(view.inventories(3), files.filter((f) => f.inventory).slice(0, 3));
      const all = files.flatMap((f) => f.certificates);
      for (const namespace of NAMESPACES) {
        const same = all.filter((c) => namespace !== undefined && c.namespace !== undefined && namespacesAgree(c.namespace, namespace));
        assert.deepEqual(view.certificatesNear(namespace, 3).map((c) => c.item.label), (same.length > 0 ? same : all).slice(0, 3).map((c) => c.label));
      }
      assert.equal(view.holdsCertificates(), all.length > 0);
    }
  });

  it('reads the workspace once per version, not once per file linted', () => {
    const index = new CertWorkspaceIndex();
    const r = new Random(9);
    for (let i = 0; i < 20; i++) index.set(`/w/f${i}.yaml`, randomFile(r, `/w/f${i}.yaml`));
    let reads = 0;
    const files = index.files.bind(index);
    index.files = () => {
      reads++;
      return files();
    };
    for (const [path, facts] of [...files()]) new FileAmongOthers(facts, path, index).entriesMatching('api.example.com', undefined);
    assert.equal(reads, 1);
    const before = index.version;
    index.set('/w/f0.yaml', randomFile(r, '/w/f0.yaml'));
    assert.notEqual(index.version, before);
    new FileAmongOthers(randomFile(r, '/w/x.yaml'), '/w/x.yaml', index).entriesMatching('api.example.com', undefined);
    assert.equal(reads, 2, 'a change to the index is read');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeSnippetText, folderSegments, localDay, postmortemFileName, slugify } from '../../client/src/postmortem/postmortemFile';

describe('new post-mortem file', () => {
  test('slugs: lower case ASCII words joined by dashes', () => {
    assert.equal(slugify('API gateway: TLS cert expired!'), 'api-gateway-tls-cert-expired');
    assert.equal(slugify('  Café crème — déjà vu  '), 'cafe-creme-deja-vu');
    assert.equal(slugify("How'd we miss it?"), 'howd-we-miss-it');
    assert.equal(slugify('日本語'), '');
    const long = slugify('word '.repeat(40));
    assert.ok(long.length <= 60 && !long.endsWith('-'), long);
  });

  test('file name: date, slug, and a number when taken', () => {
    const taken = new Set(['2026-03-02-gateway-down.md', '2026-03-02-gateway-down-2.md']);
    assert.equal(postmortemFileName('2026-03-02', 'Gateway down', () => false), '2026-03-02-gateway-down.md');
    assert.equal(postmortemFileName('2026-03-02', 'Gateway down', (n) => taken.has(n)), '2026-03-02-gateway-down-3.md');
    assert.equal(postmortemFileName('2026-03-02', '???', () => false), '2026-03-02-post-mortem.md');
  });

  test('local day is the calendar day of the local clock', () => {
    assert.equal(localDay(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });

  test('the folder setting stays inside the workspace folder', () => {
    assert.deepEqual(folderSegments('postmortems'), ['postmortems']);
    assert.deepEqual(folderSegments('docs/incidents/'), ['docs', 'incidents']);
    assert.deepEqual(folderSegments('./docs\\pm'), ['docs', 'pm']);
    assert.deepEqual(folderSegments(''), []);
    for (const bad of ['../elsewhere', 'docs/../../x', '/etc', 'C:\\temp', '~/pm']) assert.equal(folderSegments(bad), undefined, bad);
  });

  test('snippet text escaping', () => {
    assert.equal(escapeSnippetText('cost $5 {x} a\\b'), 'cost \\$5 {x\\} a\\\\b');
  });
});

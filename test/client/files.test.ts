import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import picomatch from 'picomatch';
import { hostFromSelection } from '../../client/src/live/hostFromSelection';
import { batches } from '../../client/src/workspace/batches';
import { excludeGlob, expandBraces } from '../../client/src/workspace/fileGlobs';

describe('workspace files', () => {
  test('files.exclude patterns that are on, plus node_modules and .git, in one glob', () => {
    const glob = excludeGlob({ '**/.DS_Store': true, '**/dist': true, '**/off': false, '**/*.js': { when: '$(basename).ts' }, '**/*.{tmp,bak}': true });
    const excluded = picomatch(glob, { dot: true });
    for (const p of ['a/node_modules/x.yaml', 'repo/.git/config.yaml', 'x/.DS_Store', 'x/dist', 'a/b.tmp', 'x/c.bak']) assert.ok(excluded(p), p);
    for (const p of ['x/off', 'src/a.js', 'postmortems/a.md']) assert.ok(!excluded(p), p);
    assert.equal(excludeGlob(undefined), '{**/node_modules/**,**/.git/**}');
  });

  test('brace groups expand, one level at a time', () => {
    assert.deepEqual(expandBraces('**/*.{a,b}.{c,d}'), ['**/*.a.c', '**/*.a.d', '**/*.b.c', '**/*.b.d']);
  });

  test('batches', () => {
    assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(batches([], 3), []);
  });

  test('a host from the selection', () => {
    assert.equal(hostFromSelection(' https://api.example.com:8443/health?x=1 '), 'api.example.com:8443');
    assert.equal(hostFromSelection('"www.example.com",'), 'www.example.com');
    assert.equal(hostFromSelection('[::1]:8443'), '[::1]:8443');
    assert.equal(hostFromSelection('localhost'), 'localhost');
    assert.equal(hostFromSelection('the gateway'), undefined);
    assert.equal(hostFromSelection(''), undefined);
  });
});

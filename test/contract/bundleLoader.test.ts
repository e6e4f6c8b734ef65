/**
 * loadBundleWithOwnCache's `save` (contract/src/bundleLoader.ts): the server keeps it for its whole
 * life, so it saves once and lets the bundle's bytes and script go; a second call writes nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeCacheFile, loadBundleWithOwnCache } from '../../contract/src/bundleLoader';

test('save writes the cache once; a later load compiles with it and has nothing to save', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-loader-'));
  try {
    const bundle = path.join(dir, 'tiny-bundle.js');
    fs.writeFileSync(bundle, 'exports.answer = function answer() { return 42; };\n');
    const cacheDir = path.join(dir, 'cache');
    const cacheFile = path.join(cacheDir, path.basename(codeCacheFile(bundle)));
    const first = loadBundleWithOwnCache(bundle, cacheDir);
    assert.equal((first.exports as { answer: () => number }).answer(), 42);
    assert.ok(first.save, 'no cache yet: one to save');
    await first.save();
    assert.ok(fs.statSync(cacheFile).size > 0);
    fs.rmSync(cacheFile);
    await first.save();
    assert.equal(fs.existsSync(cacheFile), false, 'a second save writes nothing: what it saved from is let go');
    // Another copy of the bundle (the first is in require.cache): it saves, then a load of it compiles with that cache.
    const copy = path.join(dir, 'copy', 'tiny-bundle.js');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(bundle, copy);
    const copied = loadBundleWithOwnCache(copy, cacheDir);
    assert.ok(copied.save);
    await copied.save();
    assert.equal(loadBundleWithOwnCache(copy, cacheDir).save, undefined, 'the cache fits: nothing to save');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

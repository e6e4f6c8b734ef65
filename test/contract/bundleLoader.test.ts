/**
 * loadBundleWithOwnCache's `save` (contract/src/bundleLoader.ts): the server keeps it for its whole
 * life, so it saves once and lets the bundle's bytes and script go; a second call writes nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeCacheFile, loadBundleWithOwnCache, STALE_TEMPORARY_MS } from '../../contract/src/bundleLoader';

/** A temporary folder holding a tiny bundle whose `answer()` returns `answer`, and where its cache goes. */
function tinyBundle(answer: number): { dir: string; bundle: string; cacheDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-loader-'));
  const bundle = path.join(dir, 'tiny-bundle.js');
  fs.writeFileSync(bundle, `exports.answer = function answer() { return ${answer}; };\n`);
  return { dir, bundle, cacheDir: path.join(dir, 'cache') };
}

test('save writes the cache once; a later load compiles with it and has nothing to save', async () => {
  const { dir, bundle, cacheDir } = tinyBundle(42);
  try {
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

test('a save removes what killed writes of the same cache left, and nothing else', async () => {
  const { dir, bundle, cacheDir } = tinyBundle(43);
  try {
    fs.mkdirSync(cacheDir);
    const cacheName = path.basename(codeCacheFile(bundle));
    const old = (Date.now() - STALE_TEMPORARY_MS - 60_000) / 1000;
    const place = (name: string, stale: boolean) => {
      const file = path.join(cacheDir, name);
      fs.writeFileSync(file, 'half a cache');
      if (stale) fs.utimesSync(file, old, old);
      return file;
    };
    const leftovers = [place(`${cacheName}.4242.tmp`, true), place(`${cacheName}.17.tmp`, true)];
    const kept = [
      place(`${cacheName}.4343.tmp`, false), // another process may be writing it now
      place(`${cacheName}.x.tmp`, true), // not a name a write makes
      place(`other-${cacheName}.4242.tmp`, true), // another cache's
      place('notes.txt', true),
    ];
    // A stale-looking link is not ours to remove, nor is what it points to.
    const target = place('target.bin', true);
    fs.symlinkSync(target, path.join(cacheDir, `${cacheName}.99.tmp`));
    kept.push(path.join(cacheDir, `${cacheName}.99.tmp`), target);

    const load = loadBundleWithOwnCache(bundle, cacheDir);
    await load.save?.();
    assert.ok(fs.statSync(path.join(cacheDir, cacheName)).size > 0, 'the cache is written');
    for (const file of leftovers) assert.equal(fs.existsSync(file), false, `${path.basename(file)} removed`);
    for (const file of kept) assert.ok(fs.lstatSync(file), `${path.basename(file)} kept`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Writes V8's code cache of the shared bundle (dist/incident-docs.js.v8-cache), run by the build
 * (esbuild.mjs) right after the bundle is written; contract/src/bundleLoader.ts reads it. The bundle
 * is compiled as the loader compiles it, then a representative lint runs (the example post-mortem
 * and inventory, formatted as text) so that the cache also holds the functions a lint compiles
 * lazily, not only the bundle's top level. V8 ties the cache to this Node's version and flags;
 * another Node compiles from source.
 *
 * Usage: node --import tsx scripts/codeCache.ts dist/incident-docs.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeCacheFile, compileBundle, encodeCodeCache, runBundle } from '../contract/src/bundleLoader';

const ROOT = join(__dirname, '..');
/** What the cache is made from: one file of each kind a lint meets most. */
const WORKLOAD = ['examples/postmortems/2026-03-02-api-gateway-cert-expiry.md', 'examples/inventory/cert-inventory.yaml'].map((f) => join(ROOT, f));

async function main(): Promise<void> {
  const bundle = resolve(process.argv[2] ?? join(ROOT, 'dist', 'incident-docs.js'));
  const source = readFileSync(bundle);
  const { script } = compileBundle(bundle, source);
  const programs = runBundle(bundle, script) as typeof import('../server/src/programs');
  const io = { cwd: ROOT, color: false, version: '0.0.0', stdout: () => {}, stderr: () => {} };
  const code = await programs.cliParts().lintModule().runLint(WORKLOAD, { format: 'text', now: new Date('2026-11-27T12:00:00Z') }, io);
  // Findings are expected (the examples show them); a usage error means the workload did not run.
  if (code !== 0 && code !== 1) throw new Error(`the representative lint ended with exit code ${code}`);
  const cache = encodeCodeCache(source, script.createCachedData());
  writeFileSync(codeCacheFile(bundle), cache);
}

main().catch((e: unknown) => {
  process.stderr.write(`codeCache: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});

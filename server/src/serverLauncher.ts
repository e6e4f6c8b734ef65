/**
 * dist/server.js, the language server's entry: starts the server from the shared bundle
 * (dist/incident-docs.js). Given `--code-cache-dir=DIR` (the VS Code client passes a folder of its
 * global storage), the bundle is compiled with the V8 code cache the server saved there on an
 * earlier start, and when there was none it fits, one is saved after the first diagnostics are
 * sent (so it holds what a lint compiles, not only the bundle's top level). Without the flag the
 * bundle is required as before.
 *
 * Node builtins only (and bundleLoader.ts): the core is in the shared bundle.
 */
import { join } from 'node:path';
import { loadBundleWithOwnCache } from '../../contract/src/bundleLoader';
import type * as Programs from './programs';

const CODE_CACHE_DIR = '--code-cache-dir=';

const cacheDir = process.argv.find((arg) => arg.startsWith(CODE_CACHE_DIR))?.slice(CODE_CACHE_DIR.length);

if (cacheDir) {
  const { exports, save } = loadBundleWithOwnCache(join(__dirname, 'incident-docs.js'), cacheDir);
  (exports as typeof Programs).runServer(save ? { afterFirstDiagnostics: () => void save() } : {});
} else {
  (require('./incident-docs.js') as typeof Programs).runServer();
}

/**
 * dist/server.js, the language server's entry: starts the server from the shared bundle
 * (dist/incident-docs.js), compiled with a V8 code cache the server saved on an earlier start; when
 * there was none that fits, one is saved after the first diagnostics are sent (so it holds what a
 * lint compiles, not only the bundle's top level). The cache is kept in the folder
 * `--code-cache-dir=DIR` names (the VS Code client passes one of its global storage), else in the
 * user's cache folder (bundleLoader.ts userCodeCacheDir: what Neovim and other editors start), one
 * folder per set of Node flags: V8 refuses a cache made under other flags, and two editors starting
 * the server differently would otherwise replace each other's on every start.
 *
 * Node builtins only (and bundleLoader.ts): the core is in the shared bundle.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadBundleWithOwnCache, userCodeCacheDir } from '../../contract/src/bundleLoader';
import type * as Programs from './programs';

const CODE_CACHE_DIR = '--code-cache-dir=';

const given = process.argv.find((arg) => arg.startsWith(CODE_CACHE_DIR))?.slice(CODE_CACHE_DIR.length);
const userDir = given === undefined ? userCodeCacheDir() : undefined;
const flags = createHash('sha256').update(process.execArgv.join('\0')).digest('hex').slice(0, 12);
const cacheDir = given ?? (userDir === undefined ? undefined : join(userDir, `server-${flags}`));

if (cacheDir) {
  const { exports, save } = loadBundleWithOwnCache(join(__dirname, 'incident-docs.js'), cacheDir);
  (exports as typeof Programs).runServer(save ? { afterFirstDiagnostics: () => void save() } : {});
} else {
  (require('./incident-docs.js') as typeof Programs).runServer();
}

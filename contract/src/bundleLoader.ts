/**
 * Loads the shared bundle (dist/incident-docs.js, 1.6 MB) with V8's code cache: compiling the
 * bundle and the functions a lint runs was a fifth of a small lint's CPU time. Node 20 has no
 * `module.enableCompileCache`, so the bundle is compiled as a `vm.Script` given the `cachedData`
 * that `npm run build` wrote beside it (scripts/codeCache.ts, after a representative lint: the
 * cache holds the functions that ran). Nothing is written beside the bundle at run time; the install
 * stays read-only. An install without that cache (the npm package ships none: it fits one V8 only)
 * keeps one of its own in the user's cache folder (userCodeCacheDir), written on its first run.
 *
 * The cache file holds a header with the SHA-256 of the bundle it was made from and of its own
 * payload: V8 checks only the source's length and its own version and flags, so a cache of another
 * build of the same length, or a damaged one, must be refused here. Whatever is wrong (no file, a
 * bad header, another bundle, V8 rejecting it: another Node, other flags), the bundle is compiled
 * from its source as `require` would, and nothing is said: the cache only saves time.
 *
 * The language server and the VS Code extension keep caches they write themselves, in the
 * extension's global storage (loadBundleWithOwnCache): VS Code's Node refuses the build's.
 *
 * Node builtins only: dist/cli.js, dist/server.js and dist/extension.js carry this file.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, opendirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** The cache file beside a bundle. */
export const codeCacheFile = (bundle: string): string => `${bundle}.v8-cache`;

const MAGIC = 'incident-docs-v8-cache 1\n';

interface Header {
  /** The V8 and the architecture that made it: any other rejects it, so it is not worth hashing anything for. */
  v8: string;
  arch: string;
  /** SHA-256 (hex) of the bundle's bytes the cache was made from. */
  bundle: string;
  /** SHA-256 (hex) of the payload: V8's cached data. */
  payload: string;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The cache file's bytes for a bundle's source and V8's cached data of it. */
export function encodeCodeCache(bundleSource: Buffer, cachedData: Buffer): Buffer {
  const header: Header = { v8: process.versions.v8, arch: process.arch, bundle: sha256(bundleSource), payload: sha256(cachedData) };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), cachedData]);
}

/** V8's cached data from a cache file, when it was made from exactly this bundle and is whole; else undefined. */
export function decodeCodeCache(file: Buffer, bundleSource: Buffer): Buffer | undefined {
  if (file.length < MAGIC.length || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const end = file.indexOf(0x0a, MAGIC.length);
  // The header is short; a file without its end within a few hundred bytes is not one.
  if (end < 0 || end - MAGIC.length > 512) return undefined;
  let header: Partial<Header>;
  try {
    header = JSON.parse(file.toString('utf8', MAGIC.length, end)) as Partial<Header>;
  } catch {
    return undefined;
  }
  if (header.v8 !== process.versions.v8 || header.arch !== process.arch) return undefined;
  const payload = file.subarray(end + 1);
  if (header.bundle !== sha256(bundleSource) || header.payload !== sha256(payload)) return undefined;
  return payload;
}

/** The bundle compiled as a CommonJS module's function (with cachedData when given), and whether V8 took the cache. */
export function compileBundle(file: string, source: Buffer, cachedData?: Buffer): { script: vm.Script; cacheUsed: boolean } {
  // No importModuleDynamically: Node 20 runs an import() in a vm.Script only with an experimental
  // loader, so the bundle has none (the report's charts are required: chartsApart in esbuild-options.mjs).
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });
  return { script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** Runs a compiled bundle as the CommonJS module `file` (in require.cache, as `require` would put it) and returns its exports. */
export function runBundle(file: string, script: vm.Script): unknown {
  const cache = (Module as unknown as { _cache: Record<string, Module> })._cache;
  const loaded = cache[file];
  if (loaded) return loaded.exports;
  const module = new Module(file, require.main);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  cache[file] = module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  try {
    wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  } catch (e) {
    delete cache[file];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

/**
 * The exports of the bundle `file`, compiled with a code cache when there is a good one: the one
 * the build wrote beside it (a checkout, or an install on the build's Node), else the one this
 * program saved in the user's cache folder on an earlier run (userCodeCacheDir): the npm package
 * ships no cache, so without it every run of an installed CLI compiled the bundle from source.
 * When neither fits, the cache of what this run compiled is saved there as the process exits.
 */
export function loadBundle(file: string): unknown {
  const cached = (Module as unknown as { _cache: Record<string, Module> })._cache[file];
  if (cached) return cached.exports;
  const source = readFileSync(file);
  const besideData = readCodeCache(codeCacheFile(file), source);
  const ownDir = besideData ? undefined : userCodeCacheDir();
  const ownFile = ownDir === undefined ? undefined : join(ownDir, basename(codeCacheFile(file)));
  const cachedData = besideData ?? (ownFile === undefined ? undefined : readCodeCache(ownFile, source));
  const { script, cacheUsed } = compileBundle(file, source, cachedData);
  const where = besideData ? '' : ` in ${ownDir}`;
  debug(file, cacheUsed ? `compiled with its code cache${where}` : cachedData ? `compiled from source (V8 rejected the code cache${where})` : 'compiled from source (no usable code cache)');
  // Saved by the main thread only, once its command ran (so the cache holds what it compiled);
  // --jobs workers read what it saved.
  if (!cacheUsed && ownFile !== undefined && isMainThread) process.once('exit', () => writeCodeCacheSync(ownFile, encodeCodeCache(source, script.createCachedData())));
  return runBundle(file, script);
}

/**
 * Where a program keeps the code caches it writes itself, per user (a cache in a folder others can
 * write would be code they choose): INCIDENT_DOCS_CODE_CACHE_DIR when set (empty: none), else the
 * platform's cache folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%).
 */
export function userCodeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const set = env.INCIDENT_DOCS_CODE_CACHE_DIR;
  if (set !== undefined) return set === '' ? undefined : set;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  const base =
    platform === 'win32' ? env.LOCALAPPDATA : platform === 'darwin' ? (home ? join(home, 'Library', 'Caches') : undefined) : env.XDG_CACHE_HOME || (home ? join(home, '.cache') : undefined);
  return base ? join(base, 'incident-docs', 'code-cache') : undefined;
}

/** A cache file is about 1.3 times its bundle: anything far larger is not one, and is not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** V8's cached data from `cacheFile` when it was made from exactly `source` (decodeCodeCache); else undefined. */
function readCodeCache(cacheFile: string, source: Buffer): Buffer | undefined {
  try {
    if (statSync(cacheFile).size > MAX_CACHE_BYTES) return undefined;
    return decodeCodeCache(readFileSync(cacheFile), source);
  } catch {
    return undefined;
  }
}

export interface OwnCacheLoad {
  exports: unknown;
  /**
   * Writes the code cache of what has been compiled so far into the folder, when the load could
   * not use one there (none yet, another bundle's, or V8 refused it); undefined when it did.
   */
  save: (() => Promise<void>) | undefined;
}

/**
 * The exports of the bundle `file`, compiled with the code cache the program wrote itself in
 * `dir` on an earlier run (checked as loadBundle checks the one beside the bundle). The extension
 * (client/src/entry.ts) and the server it starts (server/src/serverLauncher.ts) keep theirs in the
 * extension's global storage: they run in VS Code's own Node (Electron; the server with other V8
 * flags), which refuses the build's cache, so a first start compiles from source and saves a
 * cache for the later ones. Nothing is said either way but with INCIDENT_DOCS_DEBUG.
 */
export function loadBundleWithOwnCache(file: string, dir: string): OwnCacheLoad {
  const source = readFileSync(file);
  const cacheFile = join(dir, basename(codeCacheFile(file)));
  const cachedData = readCodeCache(cacheFile, source);
  const { script, cacheUsed } = compileBundle(file, source, cachedData);
  debug(file, cacheUsed ? `compiled with its code cache in ${dir}` : `compiled from source (${cachedData ? 'V8 rejected the' : 'no usable'} code cache in ${dir})`);
  const exports = runBundle(file, script);
  if (cacheUsed) return { exports, save: undefined };
  // Once: the caller keeps `save` (the server for its whole life), which must not keep the
  // bundle's bytes (1.7 MB outside V8's heap) and the script alive after saving.
  let pending: { source: Buffer; script: vm.Script } | undefined = { source, script };
  return {
    exports,
    save: async () => {
      const taken = pending;
      pending = undefined;
      if (taken) await writeCodeCache(cacheFile, encodeCodeCache(taken.source, taken.script.createCachedData()));
    },
  };
}

/** Writes a cache file whole or not at all (a temporary file renamed over it): a reader never sees half of one. */
async function writeCodeCache(cacheFile: string, bytes: Buffer): Promise<void> {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, cacheFile);
    debug(cacheFile, `written (${bytes.length} bytes)`);
    removeStaleTemporaries(cacheFile);
  } catch (e) {
    debug(cacheFile, `not written: ${(e as Error).message}`);
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** writeCodeCache for a process that is exiting: nothing asynchronous runs any more. */
function writeCodeCacheSync(cacheFile: string, bytes: Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, cacheFile);
    debug(cacheFile, `written (${bytes.length} bytes)`);
    removeStaleTemporaries(cacheFile);
  } catch (e) {
    debug(cacheFile, `not written: ${(e as Error).message}`);
    rmSync(temporary, { force: true });
  }
}

/** A temporary this old is no other process's write in progress (one takes well under a second). */
export const STALE_TEMPORARY_MS = 10 * 60 * 1000;
/** Entries of the cache folder read per sweep: the folder is ours and small; a huge one is not read whole. */
const SWEEP_LIMIT = 256;

/**
 * Removes what writes of `cacheFile` that never finished left: a process killed between the
 * write and the rename (an editor stopping the server just after its first diagnostics) leaves a
 * `NAME.PID.tmp` of a few MB, another for each such stop, in the user's cache folder. Only names of
 * that exact form, not this process's, older than STALE_TEMPORARY_MS; never a reason to fail.
 */
function removeStaleTemporaries(cacheFile: string): void {
  const dir = dirname(cacheFile);
  const prefix = `${basename(cacheFile)}.`;
  let folder: ReturnType<typeof opendirSync> | undefined;
  try {
    folder = opendirSync(dir);
    for (let read = 0; read < SWEEP_LIMIT; read++) {
      const entry = folder.readSync();
      if (!entry) break;
      const { name } = entry;
      if (!entry.isFile() || !name.startsWith(prefix) || !/^\d+\.tmp$/.test(name.slice(prefix.length)) || name === `${prefix}${process.pid}.tmp`) continue;
      const path = join(dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat?.isFile() && Date.now() - stat.mtimeMs > STALE_TEMPORARY_MS) rmSync(path, { force: true });
    }
  } catch (e) {
    debug(cacheFile, `leftover temporaries not removed: ${(e as Error).message}`);
  } finally {
    folder?.closeSync();
  }
}

/** INCIDENT_DOCS_DEBUG (which also prints internal errors' stacks) says how the bundle was compiled. */
function debug(file: string, how: string): void {
  if (process.env.INCIDENT_DOCS_DEBUG) process.stderr.write(`incident-docs: debug: ${basename(file)} ${how}\n`);
}

/**
 * The server's own V8 code cache (server/src/serverLauncher.ts, bundleLoader.ts), as the VS Code
 * client starts it: `dist/server.js --code-cache-dir=DIR` with the editor's Node flags. A first
 * start compiles the shared bundle from source and saves a cache once it has sent its first
 * diagnostics; a later start compiles with it and publishes the same diagnostics. A cache that is
 * damaged or that V8 refuses is ignored (the same diagnostics) and replaced; a folder it cannot
 * write changes nothing but the message. INCIDENT_DOCS_DEBUG says what happened (`npm run build` first).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../contract/src/nodeFlags';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST } from './fixtures';

const SEED = path.resolve(__dirname, '..', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md');
const CACHE_FILE = 'incident-docs.js.v8-cache';

interface Start {
  /** How the bundle was compiled, from the debug line. */
  how: string;
  /** The seed's diagnostics, without their order mattering. */
  diagnostics: string;
  stderr: string;
}

/** One server session: start, open the seed, its first diagnostics, then (if told) wait for the cache's fate, stop. */
async function session(cacheDir: string | undefined, options: { nodeArgs?: readonly string[]; awaitSave?: string; env?: Record<string, string> } = {}): Promise<Start> {
  const client = await LspTestClient.start({
    capabilities: FULL_CAPABILITIES,
    initializationOptions: { incidentDocs: FAST },
    serverArgs: cacheDir === undefined ? ['--stdio'] : ['--stdio', `--code-cache-dir=${cacheDir}`],
    nodeArgs: options.nodeArgs ?? SERVER_NODE_FLAGS,
    env: { INCIDENT_DOCS_DEBUG: '1', ...options.env },
  });
  try {
    const uri = pathToFileURL(SEED).href;
    await client.open(uri, fs.readFileSync(SEED, 'utf8'), 'markdown', 1);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    if (options.awaitSave) await client.waitForStderr(options.awaitSave);
    const how = /^incident-docs: debug: incident-docs\.js (compiled .*)$/m.exec(client.serverStderr)?.[1] ?? '';
    const diagnostics = JSON.stringify(published.diagnostics.map((d) => JSON.stringify(d)).sort());
    return { how, diagnostics, stderr: client.serverStderr };
  } finally {
    await client.stop();
  }
}

describe('the server keeps its own code cache in the folder it is given', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'server-code-cache-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  // Not there yet: the server makes it (a fresh global storage folder is not).
  const dir = path.join(root, 'global-storage', 'server-code-cache');
  const file = path.join(dir, CACHE_FILE);
  const written = `${CACHE_FILE} written`;
  let first: Start;

  test('a first start compiles from source, and saves a cache after its first diagnostics', async () => {
    first = await session(dir, { awaitSave: written });
    assert.equal(first.how, `compiled from source (no usable code cache in ${dir})`, first.stderr);
    assert.ok(JSON.parse(first.diagnostics).length > 0, 'the seed has findings');
    assert.ok(fs.statSync(file).size > 100_000);
    assert.deepEqual(fs.readdirSync(dir), [CACHE_FILE], 'no temporary file left');
  });

  test('a later start compiles with it, publishes the same diagnostics and writes nothing', async () => {
    const before = fs.statSync(file).mtimeMs;
    const later = await session(dir);
    assert.equal(later.how, `compiled with its code cache in ${dir}`, later.stderr);
    assert.equal(later.diagnostics, first.diagnostics);
    assert.doesNotMatch(later.stderr, /written/);
    assert.equal(fs.statSync(file).mtimeMs, before);
  });

  test('a damaged cache is ignored (the same diagnostics) and replaced by a good one', async () => {
    const cache = fs.readFileSync(file);
    for (let i = cache.length >> 1; i < (cache.length >> 1) + 64; i++) cache[i] ^= 0xff;
    fs.writeFileSync(file, cache);
    const damaged = await session(dir, { awaitSave: written });
    assert.equal(damaged.how, `compiled from source (no usable code cache in ${dir})`, damaged.stderr);
    assert.equal(damaged.diagnostics, first.diagnostics);
    assert.equal((await session(dir)).how, `compiled with its code cache in ${dir}`);
  });

  test('a cache V8 refuses (other Node flags) is ignored and replaced by one for these flags', async () => {
    const flags = [...SERVER_NODE_FLAGS, '--no-flush-bytecode'];
    const refused = await session(dir, { nodeArgs: flags, awaitSave: written });
    assert.equal(refused.how, `compiled from source (V8 rejected the code cache in ${dir})`, refused.stderr);
    assert.equal(refused.diagnostics, first.diagnostics);
    assert.equal((await session(dir, { nodeArgs: flags })).how, `compiled with its code cache in ${dir}`);
  });

  test('a folder it cannot write changes nothing but the message', async () => {
    const blocked = path.join(root, 'a-file');
    fs.writeFileSync(blocked, '');
    const run = await session(path.join(blocked, 'server-code-cache'), { awaitSave: 'not written' });
    assert.equal(run.diagnostics, first.diagnostics);
  });
});

describe('started without --code-cache-dir (Neovim and other editors), the server keeps it in the user\'s cache folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'user-code-cache-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const env = { INCIDENT_DOCS_CODE_CACHE_DIR: root };

  test('one folder per set of Node flags: each start after the first of its flags compiles with its cache', async () => {
    const first = await session(undefined, { env, awaitSave: `${CACHE_FILE} written` });
    assert.match(first.how, /^compiled from source \(no usable code cache in .*server-[0-9a-f]{12}\)$/, first.stderr);
    const [folder] = fs.readdirSync(root);
    assert.deepEqual(fs.readdirSync(path.join(root, folder)), [CACHE_FILE]);
    const later = await session(undefined, { env });
    assert.equal(later.how, `compiled with its code cache in ${path.join(root, folder)}`, later.stderr);
    assert.equal(later.diagnostics, first.diagnostics);
    // Started with other flags: another folder, so neither replaces the other's cache.
    const other = await session(undefined, { env, nodeArgs: [], awaitSave: `${CACHE_FILE} written` });
    assert.match(other.how, /^compiled from source \(no usable code cache in /, other.stderr);
    assert.equal(fs.readdirSync(root).length, 2);
    assert.equal((await session(undefined, { env })).how, `compiled with its code cache in ${path.join(root, folder)}`);
  });

  test('INCIDENT_DOCS_CODE_CACHE_DIR empty: no cache, the bundle required as before', async () => {
    const run = await session(undefined, { env: { INCIDENT_DOCS_CODE_CACHE_DIR: '' } });
    assert.equal(run.how, '', run.stderr);
    assert.doesNotMatch(run.stderr, /written/);
  });
});

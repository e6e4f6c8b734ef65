// What the CLI loads at start-up: commander and the commands' options and help, never the core.
// Each case lists the modules a run evaluated (require.cache at exit), from the sources (through
// tsx) and from the built dist/cli.js (`npm run build` first). A static import of the core in
// cli/main.ts or cli/commands/ again, or the core bundled into dist/cli.js, fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { userCodeCacheDir } from '../../contract/src/bundleLoader';
import { CLI, REPO_ROOT, SEED } from './helpers';

const MAIN = path.join(REPO_ROOT, 'server', 'src', 'cli', 'main.ts');
const SHARED_BUNDLE = path.join(REPO_ROOT, 'dist', 'incident-docs.js');
const NOW = ['--now', '2026-11-27T12:00:00Z'];

/** Prints the files in require.cache when the process exits, after the CLI has run with `args`. */
const REPORT_LOADED = `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));`;

interface Loaded {
  code: number | null;
  stdout: string;
  /** Paths relative to the repository, `node_modules/<package>/…` for dependencies; tsx's own left out. */
  files: string[];
}

function loadedBy(command: string[], cwd = REPO_ROOT): Loaded {
  const run = spawnSync(process.execPath, command, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const line = /^LOADED (.*)$/m.exec(run.stderr);
  assert.ok(line, `no list of loaded modules (exit ${run.status}):\n${run.stderr}`);
  const files = (JSON.parse(line[1]) as string[])
    .map((f) => f.replaceAll('\\', '/'))
    .map((f) => (f.includes('/node_modules/') ? `node_modules/${f.split('/node_modules/').at(-1)}` : path.relative(REPO_ROOT, f).replaceAll('\\', '/')))
    .filter((f) => !f.startsWith('node_modules/tsx/') && !f.startsWith('node_modules/esbuild/') && !f.startsWith('node_modules/get-tsconfig/'));
  return { code: run.status, stdout: run.stdout, files };
}

/** The sources' main.ts with `args`, as dist/cli.js would run them. */
function fromSources(args: string[]): Loaded {
  const script = `${REPORT_LOADED} process.argv = [process.argv[0], 'incident-docs', ...${JSON.stringify(args)}]; require(${JSON.stringify(MAIN)});`;
  return loadedBy(['--import', 'tsx', '-e', script]);
}

/** The built dist/cli.js with `args`. */
function fromBuild(args: string[]): Loaded {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const hook = `${REPORT_LOADED} process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(args)}]; require(${JSON.stringify(CLI)});`;
  return loadedBy(['-e', hook]);
}

const packages = (files: string[]) => [...new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1].startsWith('@') ? 3 : 2).join('/')))].sort();
const core = (files: string[]) => files.filter((f) => f.startsWith('server/src/core/'));

describe('CLI start-up, from the sources', () => {
  for (const args of [['--version'], ['--help'], ['lint', '--help'], ['lint', '--format', 'nope', 'x.md']]) {
    it(`\`${args.join(' ')}\` loads commander and the commands, none of the core`, () => {
      const run = fromSources(args);
      assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}`);
      assert.deepEqual(packages(run.files), ['commander']);
      // Only the constants the help shows (defaults.ts and its like) may come from the core.
      assert.deepEqual(core(run.files).filter((f) => !/[dD]efaults\.ts$/.test(f)), []);
      assert.deepEqual(run.files.filter((f) => /^server\/src\/(lsp|cli\/(run\w+|parts|liveProbes|configs)\.ts)/.test(f)), []);
    });
  }

  it('`lint` of a post-mortem loads the Markdown side, not the TLS probing, the exports, the report or the server', () => {
    const run = fromSources(['lint', ...NOW, SEED]);
    assert.equal(run.code, 1, 'the seed has an error finding');
    assert.ok(run.files.includes('server/src/core/postmortem/model.ts'), 'the post-mortem model was loaded: the list is complete');
    const unwanted = run.files.filter((f) =>
      /^server\/src\/(core\/(live\/(probe|probeMany|ocsp|trust)\.ts|live\/starttls\/|export\/(?!prometheusDefaults)|report\/)|lsp\/|cli\/(runCert|runExport|runReport|liveProbes|progress)\.ts)/.test(f),
    );
    assert.deepEqual(unwanted, []);
    assert.deepEqual(packages(run.files).filter((p) => ['ical-generator', 'cli-progress', 'vega', 'vega-lite', 'vscode-languageserver'].includes(p)), []);
    // Its front matter is checked by the validator generated at build time: ajv compiles nothing.
    assert.ok(run.files.includes('server/src/core/postmortem/builtInFrontMatter.generated.ts'));
    assert.deepEqual(packages(run.files).filter((p) => p.startsWith('ajv') || p === 'fast-uri'), []);
  });
});

describe('CLI start-up, the build', () => {
  it('`--version` runs dist/cli.js alone: the shared bundle with the core is not read', () => {
    const run = fromBuild(['--version']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^\d+\.\d+\.\d+/);
    assert.ok(!run.files.includes('dist/incident-docs.js'), run.files.join(', '));
  });

  it('`lint` reads the shared bundle for the work (so the check above can see it)', () => {
    const run = fromBuild(['lint', ...NOW, SEED]);
    assert.equal(run.code, 1);
    assert.ok(run.files.includes(path.relative(REPO_ROOT, SHARED_BUNDLE)), run.files.join(', '));
  });

  it('dist/cli.js holds commander and the commands only (the core is 1.6 MB)', () => {
    const size = fs.statSync(CLI).size;
    assert.ok(size < 200_000, `dist/cli.js is ${size} bytes`);
  });
});

// The shared bundle is compiled with V8's code cache that the build wrote beside it
// (contract/src/bundleLoader.ts); INCIDENT_DOCS_DEBUG says how it was compiled. A cache that does
// not fit (another build of the bundle, a damaged file, another V8 or other flags) must be
// ignored: the lint compiles from source and reports exactly what it reports with the cache.
describe('CLI start-up, the code cache', () => {
  const CACHE = `${SHARED_BUNDLE}.v8-cache`;
  const LINT = ['lint', ...NOW, '--format', 'json', SEED];

  /** dist/cli.js, the shared bundle and the cache in a folder of their own, `change` applied; a lint of the seed from there. */
  function lintWith(change: (dir: string) => void, nodeFlags: string[] = [], ownCacheDir?: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    try {
      for (const file of [CLI, SHARED_BUNDLE, CACHE]) fs.copyFileSync(file, path.join(dir, path.basename(file)));
      change(dir);
      // The user's cache folder (bundleLoader.ts): an empty one of this run's unless given.
      const env = { ...process.env, INCIDENT_DOCS_DEBUG: '1', FORCE_COLOR: '0', INCIDENT_DOCS_CODE_CACHE_DIR: ownCacheDir ?? path.join(dir, 'own') };
      const run = spawnSync(process.execPath, [...nodeFlags, path.join(dir, 'cli.js'), ...LINT], { cwd: REPO_ROOT, encoding: 'utf8', env });
      const how = /^incident-docs: debug: incident-docs\.js (.*)$/m.exec(run.stderr)?.[1];
      return { code: run.status, stdout: run.stdout, how, stderr: run.stderr };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  let referenceOutput: string | undefined;
  const reference = () => (referenceOutput ??= referenceRun());
  const referenceRun = () => {
    const run = lintWith(() => {});
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.how, 'compiled with its code cache', 'the build wrote a cache this Node takes');
    assert.ok(JSON.parse(run.stdout).length > 0);
    return run.stdout;
  };
  const bundleIn = (dir: string) => path.join(dir, path.basename(SHARED_BUNDLE));
  const cacheIn = (dir: string) => path.join(dir, path.basename(CACHE));

  it('the build writes a cache that `lint` uses, and the findings are those without it', () => {
    const withCache = reference();
    const without = lintWith((dir) => fs.rmSync(cacheIn(dir)));
    assert.equal(without.how, 'compiled from source (no usable code cache)');
    assert.equal(without.code, 1);
    assert.equal(without.stdout, withCache);
  });

  const damaged: [string, (dir: string) => void, string][] = [
    // Same length, so V8's own check (the source's length) would take it: the bundle's hash must not.
    ['made from another build of the bundle (same length)', (dir) => {
      const bundle = fs.readFileSync(bundleIn(dir), 'utf8');
      assert.ok(bundle.startsWith('"use strict";'), bundle.slice(0, 20));
      fs.writeFileSync(bundleIn(dir), `'use strict';${bundle.slice('"use strict";'.length)}`);
    }, 'compiled from source (no usable code cache)'],
    ['damaged in the middle', (dir) => {
      const cache = fs.readFileSync(cacheIn(dir));
      for (let i = cache.length >> 1; i < (cache.length >> 1) + 64; i++) cache[i] ^= 0xff;
      fs.writeFileSync(cacheIn(dir), cache);
    }, 'compiled from source (no usable code cache)'],
    ['cut short', (dir) => fs.writeFileSync(cacheIn(dir), fs.readFileSync(cacheIn(dir)).subarray(0, 4096)), 'compiled from source (no usable code cache)'],
    ['not a cache at all', (dir) => fs.writeFileSync(cacheIn(dir), 'incident-docs-v8-cache 1\n{"v8":'), 'compiled from source (no usable code cache)'],
    ['made by another V8', (dir) => {
      const cache = fs.readFileSync(cacheIn(dir));
      const header = cache.toString('latin1', 0, 300);
      fs.writeFileSync(cacheIn(dir), Buffer.from(header.replace(`"v8":"${process.versions.v8}"`, '"v8":"0.0.0"') + cache.toString('latin1', 300), 'latin1'));
    }, 'compiled from source (no usable code cache)'],
  ];
  for (const [what, change, how] of damaged) {
    it(`a cache ${what} is ignored and the lint is the same`, () => {
      const expected = reference();
      const run = lintWith(change);
      assert.equal(run.how, how, run.stderr);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, expected);
    });
  }

  it('an install without the build\'s cache (the npm package) saves its own on its first run and compiles with it from then on', () => {
    const expected = reference();
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'own-code-cache-'));
    try {
      const withoutBuildCache = (dir: string) => fs.rmSync(cacheIn(dir));
      const first = lintWith(withoutBuildCache, [], own);
      assert.equal(first.how, 'compiled from source (no usable code cache)', first.stderr);
      assert.match(first.stderr, /incident-docs\.js\.v8-cache written \(\d+ bytes\)/);
      assert.deepEqual(fs.readdirSync(own), ['incident-docs.js.v8-cache'], 'written whole, no temporary file left');
      const later = lintWith(withoutBuildCache, [], own);
      assert.equal(later.how, `compiled with its code cache in ${own}`, later.stderr);
      assert.doesNotMatch(later.stderr, /written/, 'a cache that fits is not written again');
      for (const run of [first, later]) {
        assert.equal(run.code, 1);
        assert.equal(run.stdout, expected);
      }
      // The build's cache, where there is one, comes first: the user's is not read.
      const checkout = lintWith(() => {}, [], own);
      assert.equal(checkout.how, 'compiled with its code cache', checkout.stderr);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('INCIDENT_DOCS_CODE_CACHE_DIR empty: no cache of its own, nothing written', () => {
    const run = lintWith((dir) => fs.rmSync(cacheIn(dir)), [], '');
    assert.equal(run.how, 'compiled from source (no usable code cache)', run.stderr);
    assert.doesNotMatch(run.stderr, /written/);
    assert.equal(run.stdout, reference());
  });

  it('the user\'s cache folder: the setting, else the platform\'s cache folder', () => {
    const home = os.homedir();
    assert.equal(userCodeCacheDir({ INCIDENT_DOCS_CODE_CACHE_DIR: '/c' }, 'linux'), '/c');
    assert.equal(userCodeCacheDir({ INCIDENT_DOCS_CODE_CACHE_DIR: '' }, 'linux'), undefined);
    assert.equal(userCodeCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux'), path.join('/x', 'incident-docs', 'code-cache'));
    assert.equal(userCodeCacheDir({}, 'linux'), path.join(home, '.cache', 'incident-docs', 'code-cache'));
    assert.equal(userCodeCacheDir({}, 'darwin'), path.join(home, 'Library', 'Caches', 'incident-docs', 'code-cache'));
    assert.equal(userCodeCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32'), path.join('C:\\L', 'incident-docs', 'code-cache'));
    assert.equal(userCodeCacheDir({}, 'win32'), undefined);
  });

  it('a cache V8 refuses (other V8 flags than the build’s) is ignored and the lint is the same', () => {
    const expected = reference();
    const run = lintWith(() => {}, ['--no-flush-bytecode']);
    assert.equal(run.how, 'compiled from source (V8 rejected the code cache)', run.stderr);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, expected);
  });
});

// What the CLI loads at start-up: commander and the commands' options and help, never the core.
// Each case lists the modules a run evaluated (require.cache at exit), from the sources (through
// tsx) and from the built dist/cli.js (`npm run build` first). A static import of the core in
// cli/main.ts or cli/commands/ again, or the core bundled into dist/cli.js, fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
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

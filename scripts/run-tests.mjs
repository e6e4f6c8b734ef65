// Runs every *.test.ts under test/ and server/src with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [--quick] [substring-filter...]
// --quick leaves out what needs a browser, an editor, a Debian service or pre-commit, and the long property
// runs: the edit-test loop (`npm run test:quick`). `npm test` runs everything.
//
// The tests get a temporary folder of their own (TMPDIR), so runs side by side never meet there,
// and whatever a test leaves in it is seen: the run fails naming it and keeps it for a look.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function walk(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const SLOW_OR_EXTERNAL = [
  'test/vscode/', // code-server and Chromium
  '.browser.test', // Chromium
  'test/editors/', // Neovim
  'test/export/blackbox', // blackbox_exporter
  'test/core/live/daemons/', // Postfix, Dovecot, slapd, PostgreSQL
  'test/ci/pre-commit', // pre-commit from the Python package registry
  'test/reliability/fuzz.test', // thousands of mutated documents
  'test/reliability/server.test', // 10,000 edits through the server
  'test/core/postmortem/incremental.test', // random edits against whole parses
  'test/core/inventory/incremental.test',
];
const quick = process.argv.includes('--quick');
const filters = process.argv.slice(2).filter((a) => a !== '--quick');
const files = ['test', 'server/src']
  .flatMap((d) => walk(d))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .filter((f) => !quick || !SLOW_OR_EXTERNAL.some((x) => f.replaceAll('\\', '/').includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// A short name: the VS Code suites put Unix sockets (107 bytes at most) a few levels below it.
const temp = mkdtempSync(join(tmpdir(), 'id-tests-'));
// tsx keeps its transform cache in the temporary folder: the shared one, not a cold one per run.
const tsxCache = `tsx-${process.geteuid?.() ?? userInfo().username}`;
mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
symlinkSync(join(tmpdir(), tsxCache), join(temp, tsxCache));
// Where a CLI run without the build's code cache beside its bundle keeps its own (bundleLoader.ts):
// in the tests' folder, not the user's cache folder.
const codeCache = 'code-cache';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: { ...process.env, TMPDIR: temp, INCIDENT_DOCS_CODE_CACHE_DIR: join(temp, codeCache) } },
);
const left = readdirSync(temp).filter((name) => name !== tsxCache && name !== codeCache);
if (left.length > 0) {
  console.error(`\nThe tests left ${left.length} file(s) in their temporary folder ${temp} (kept): ${left.join(', ')}`);
  process.exit(result.status || 1);
}
rmSync(temp, { recursive: true, force: true });
process.exit(result.status ?? 1);

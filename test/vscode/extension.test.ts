/**
 * Suite 1: the extension's own tests (test/vscode/suite/, mocha in the extension host, real `vscode`
 * API), run by @vscode/test-electron's runTests. Here its `vscodeExecutablePath` is the launcher
 * (code-server + headless Chromium, nothing downloaded). INCIDENT_DOCS_VSCODE_DESKTOP=1 leaves it
 * out, so runTests downloads desktop VS Code and runs the same tests there (needs the network and,
 * on Linux without a display, xvfb-run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { LAUNCHER, REPO_ROOT } from './launcher/paths';

test('extension tests in a real VS Code (code-server 4.100.3)', { timeout: 10 * 60_000 }, async () => {
  const build = spawnSync(process.execPath, ['esbuild.test.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`esbuild.test.mjs failed:\n${build.stderr}`);
  const root = mkdtempSync(path.join(tmpdir(), 'exttests-')); // short: sockets go below it (see launcher/workbench.ts)
  try {
    const workspace = path.join(root, 'workspace');
    await runTests({
      vscodeExecutablePath: process.env.INCIDENT_DOCS_VSCODE_DESKTOP ? undefined : LAUNCHER,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${path.join(root, 'user-data')}`, `--extensions-dir=${path.join(root, 'extensions')}`, '--disable-extensions'],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

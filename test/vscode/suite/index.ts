/**
 * Entry point the extension host loads (extensionTestsPath): runs the mocha suites below inside
 * VS Code, with the real `vscode` API. Bundled by esbuild.test.mjs (the host cannot run TypeScript);
 * mocha stays external and is loaded from node_modules.
 */
import Mocha from 'mocha';
import { commandTests } from './commands.suite';
import { fixAllTests } from './fixAll.suite';
import { closeEverything, WAIT_MS } from './helpers';
import { languageTests } from './language.suite';
import { leftoverSettings, restoreWorkspace, snapshotWorkspace, type WorkspaceSnapshot } from './workspaceState';

export function run(): Promise<void> {
  // A test's own waits end on their state or at WAIT_MS; the test timeout is above that, so a
  // failure names the state that never came rather than "timeout of N ms exceeded".
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 2 * WAIT_MS + 30_000, reporter: 'spec' });
  const grep = process.env.INCIDENT_DOCS_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  // The test modules are bundled, not loaded by mocha: hand them its describe/it first.
  mocha.suite.emit('pre-require', globalThis, 'incident-docs', mocha);
  // Every test starts from the workspace the one before it found, and must leave it so: editors
  // reverted and closed, files and folders as they were, no setting of ours left set.
  let snapshot: WorkspaceSnapshot;
  mocha.suite.beforeEach(() => {
    snapshot = snapshotWorkspace();
  });
  mocha.suite.afterEach(async () => {
    // Restored even when closing fails, so the next test starts clean either way.
    const closing = await closeEverything().then(() => undefined, (e: unknown) => `editors: ${(e as Error).message}`);
    const left = [...(closing ? [closing] : []), ...restoreWorkspace(snapshot), ...leftoverSettings().map((s) => `setting: ${s}`)];
    if (left.length > 0) throw new Error(`the test left the workspace changed (files now restored): ${left.join('; ')}`);
  });
  languageTests();
  commandTests();
  fixAllTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}

/**
 * Entry point the extension host loads (extensionTestsPath): runs the mocha suites below inside
 * VS Code, with the real `vscode` API. Bundled by esbuild.test.mjs (the host cannot run TypeScript);
 * mocha stays external and is loaded from node_modules.
 */
import Mocha from 'mocha';
import { commandTests } from './commands.suite';
import { languageTests } from './language.suite';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.INCIDENT_DOCS_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  // The test modules are bundled, not loaded by mocha: hand them its describe/it first.
  mocha.suite.emit('pre-require', globalThis, 'incident-docs', mocha);
  languageTests();
  commandTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}

/**
 * The extension's entry (dist/extension.js): small, so what VS Code counts as activation (loading
 * this file and the activate() call) is short. The language client and the features on it
 * (dist/extension-main.js, most of it vscode-languageclient) load as soon as the call has
 * returned: in a microtask, before the extension host turns to anything else (a later turn of the
 * event loop let other extensions' activation go first and delayed the first diagnostics).
 * activate's promise settles when they are up, so a command that activated the extension still
 * runs after its registration.
 */
import type { ExtensionContext } from 'vscode';
import type * as Main from './extension';

/** Bundled apart (esbuild.mjs): a path esbuild leaves to Node. */
const MAIN = './extension-main.js';

let main: typeof Main | undefined;

export function activate(context: ExtensionContext): Promise<void> {
  return new Promise((resolve, reject) => {
    queueMicrotask(() => {
      try {
        main = require(MAIN) as typeof Main;
        main.activate(context);
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
}

export async function deactivate(): Promise<void> {
  await main?.deactivate();
}

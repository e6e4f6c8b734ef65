/**
 * The extension's entry (dist/extension.js): loads the extension (extension.ts, bundled apart as
 * dist/extension-main.js: the language client is 96% of it) with a V8 code cache kept in the
 * extension's global storage, inside activate(), so the time VS Code reports for activation
 * includes it. VS Code compiles an extension's code afresh in every window; with the cache a later
 * start deserializes what the first compiled. The first start compiles from source and saves the
 * cache once the language server is running (so it holds what activation and the client's start
 * compiled); a cache that does not fit (another build, another VS Code's V8, damage) is ignored
 * and replaced (contract/src/bundleLoader.ts).
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { loadBundleWithOwnCache } from '../../contract/src/bundleLoader';

/** The extension proper, beside this file (esbuild.mjs). */
const MAIN = 'extension-main.js';
/** The folder of the global storage where its code cache is kept. */
const CODE_CACHE = 'extension-code-cache';

let main: typeof import('./extension') | undefined;

export function activate(context: ExtensionContext): void {
  const { exports, save } = loadBundleWithOwnCache(path.join(__dirname, MAIN), path.join(context.globalStorageUri.fsPath, CODE_CACHE));
  main = exports as typeof import('./extension');
  main.activate(context);
  if (save) void main.serverStarted().then(save, () => undefined);
}

export function deactivate(): Promise<void> | undefined {
  return main?.deactivate();
}

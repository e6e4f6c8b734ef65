/**
 * The CLI and the language server in one bundle (dist/incident-docs.js): they share the core,
 * which as two bundles was shipped twice (the package's largest part). dist/server.js is a
 * launcher of runServer (serverLauncher.ts); dist/cli.js holds the CLI's commands (options and help, with
 * commander) and reads this bundle only when a command runs, through cliParts(). Each part is
 * required only when it runs (esbuild evaluates a module required inside a function on that
 * call), so neither program pays for the other's code at start-up.
 */
import { isMainThread } from 'node:worker_threads';
import type { ServerHooks } from './lsp/server';

export function runCli(): void {
  require('./cli/main');
}

/** The CLI's implementations, for dist/cli.js: it holds only the commands' options and help (see cli/lazyParts.ts). */
export function cliParts(): typeof import('./cli/parts') {
  return require('./cli/parts') as typeof import('./cli/parts');
}

export function runServer(hooks: ServerHooks = {}): void {
  (require('./lsp/main') as typeof import('./lsp/main')).main(hooks);
}

// A report worker runs this bundle as its script (new Worker(__filename)): it is the CLI's.
if (!isMainThread) runCli();

/**
 * The CLI and the language server in one bundle (dist/incident-docs.js): they share the core,
 * which as two bundles was shipped twice (the package's largest part). dist/cli.js and
 * dist/server.js are two-line launchers that call one of these. Each program is required only
 * when it runs (esbuild evaluates a module required inside a function on that call), so neither
 * pays for the other's code at start-up.
 */
import { isMainThread } from 'node:worker_threads';

export function runCli(): void {
  require('./cli/main');
}

export function runServer(): void {
  require('./lsp/main');
}

// A report worker runs this bundle as its script (new Worker(__filename)): it is the CLI's.
if (!isMainThread) runCli();

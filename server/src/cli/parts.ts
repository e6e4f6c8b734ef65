/**
 * What the CLI's commands run, apart from their options and help (commands/*.ts): each reaches
 * into the core, and each is required only when asked for, so `lint` evaluates no TLS probing,
 * export or report code. Loaded through cliParts() (lazyParts.ts). In the package, dist/cli.js
 * holds only the commands and finds these in the shared bundle (dist/incident-docs.js,
 * programs.ts), which it reads on the first command that runs.
 */
export const lintModule = () => require('./runLint') as typeof import('./runLint');
export const certModule = () => require('./runCert') as typeof import('./runCert');
export const reportModule = () => require('./runReport') as typeof import('./runReport');
export const exportModule = () => require('./runExport') as typeof import('./runExport');
export const diffModule = () => require('./diff/runDiff') as typeof import('./diff/runDiff');
export const processIoModule = () => require('./processIo') as typeof import('./processIo');
export const progressModule = () => require('./progress') as typeof import('./progress');
export const workerModule = () => require('./workers/serve') as typeof import('./workers/serve');
export const ruleReferenceModule = () => require('../core/ruleReference') as typeof import('../core/ruleReference');

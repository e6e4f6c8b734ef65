/**
 * What the CLI's commands run, apart from their options and help (commands/*.ts): everything here
 * reaches into the core. Loaded through cliParts() (lazyParts.ts) when a command runs. In the
 * package, dist/cli.js holds only the commands and finds these in the shared bundle
 * (dist/incident-docs.js, programs.ts), which it reads on the first command that runs.
 */
export { runLint } from './runLint';
export { runCert } from './runCert';
export { runReport } from './runReport';
export { runExportIcal, runExportPrometheus } from './runExport';
export { runDiff } from './diff/runDiff';
export { processIo } from './processIo';
export { terminalProgress } from './progress';
export { serveReportWorker } from './commands/reportRecords';
export { rulesJson, rulesMarkdown } from '../core/ruleReference';

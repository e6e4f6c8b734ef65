/** What the in-process figures load: the core as the CLI and the server bundle it (same esbuild plugins). */
export { analyzeSteps, lint, lintSteps } from '../server/src/core/lint';
export { defaultConfig } from '../server/src/core/config';
export { parseDocument } from 'yaml';

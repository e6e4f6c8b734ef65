/**
 * The CLI's implementations (parts.ts), required on the first call: start-up (`--version`,
 * `--help`, parsing the command line) loads none of the core. esbuild evaluates a module required
 * inside a function on that call; the build of dist/cli.js (esbuild.mjs) turns this require into
 * one of the shared bundle, so dist/cli.js does not even read the core until a command runs.
 */
export function cliParts(): typeof import('./parts') {
  return require('./parts') as typeof import('./parts');
}

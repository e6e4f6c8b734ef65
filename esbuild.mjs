// One build for both halves, like vscode-eslint: the client keeps `vscode` external,
// the server and CLI bundle everything so the .vsix and the npm bin need no node_modules.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { cliPartsApart, productOptions, PROGRAMS_BUNDLE, REPORT_CHARTS_BUNDLE } from './scripts/esbuild-options.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = productOptions(production);

const entries = [
  // The extension: a small entry that loads the extension proper with its code cache (client/src/entry.ts).
  { entryPoints: ['client/src/entry.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension-main.js', external: ['vscode'] },
  // The CLI and the server share one bundle (programs.ts).
  { entryPoints: ['server/src/programs.ts'], outfile: `dist/${PROGRAMS_BUNDLE}` },
  // The server's npm bin and the VS Code client's server module: starts the server from the shared
  // bundle, with the code cache it keeps in a folder it is given (serverLauncher.ts).
  {
    entryPoints: ['server/src/serverLauncher.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    external: [`./${PROGRAMS_BUNDLE}`],
  },
  // The other npm bin: the CLI's commands, which read the shared bundle only when one runs.
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, cliPartsApart],
  },
  // The GitHub Action's entry (action.yml); neither the npm package nor the .vsix ships it.
  { entryPoints: ['server/src/cli/action/main.ts'], outfile: 'dist/action.js' },
  // vega and vega-lite, which the server and the CLI load only to draw a report (see chartsApart).
  { entryPoints: ['server/src/core/report/charts/libraries.ts'], outfile: `dist/${REPORT_CHARTS_BUNDLE}` },
];

/** The npm bins: executable after every build, a rebuild in watch mode too (esbuild writes files 0644). */
const BINS = ['dist/cli.js', 'dist/server.js'];
const binsExecutable = {
  name: 'bins-executable',
  setup(build) {
    const out = build.initialOptions.outfile;
    if (!BINS.includes(out)) return;
    build.onEnd((result) => {
      if (result.errors.length === 0) chmodSync(out, 0o755);
    });
  },
};

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e, plugins: [...(e.plugins ?? common.plugins ?? []), binsExecutable] });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  for (const bin of BINS) chmodSync(bin, 0o755);
  writeCodeCache();
}

/**
 * V8's code cache of the shared bundle (dist/incident-docs.js.v8-cache), made by this Node after a
 * representative lint (scripts/codeCache.ts): dist/cli.js loads the bundle with it. In watch mode
 * the cache goes stale at the first rebuild; the loader sees that and compiles from source.
 */
function writeCodeCache() {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/codeCache.ts', `dist/${PROGRAMS_BUNDLE}`], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`writing the code cache of dist/${PROGRAMS_BUNDLE} failed (exit ${run.status})`);
}

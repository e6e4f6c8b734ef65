// One build for both halves, like vscode-eslint: the client keeps `vscode` external,
// the server and CLI bundle everything so the .vsix and the npm bin need no node_modules.
import * as esbuild from 'esbuild';
import { productOptions } from './scripts/esbuild-options.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = productOptions(production);

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Both are npm bins (incident-docs, incident-docs-server): executable scripts need the shebang.
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The GitHub Action's entry (action.yml); neither the npm package nor the .vsix ships it.
  { entryPoints: ['server/src/cli/action/main.ts'], outfile: 'dist/action.js' },
];

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

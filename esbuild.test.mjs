// Test bundles for the VS Code extension host, which cannot run TypeScript (the tests in
// test/vscode/ run them). `vscode` comes from the host; mocha is loaded from node_modules.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { 'suite/index': 'test/vscode/suite/index.ts' },
  outdir: 'out/test/vscode',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

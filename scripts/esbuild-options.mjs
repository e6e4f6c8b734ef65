// esbuild options shared by the product build (esbuild.mjs) and the benchmark's build of the core.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Bundles yaml's ES module build (the one its package.json offers bundlers and browsers) instead
 * of the CommonJS one that Node's export condition picks. Same code, two differences that cost an
 * inventory lint a third of its time: the CommonJS build reads `process.env.LOG_TOKENS` once per
 * token (a C++ accessor: 130 ms of a 310 ms parse of 5,000 entries), and esbuild's CommonJS
 * interop reaches every `isMap()`/`isScalar()` through a getter. The ES build logs warnings with
 * console.warn (stderr) instead of process.emitWarning.
 */
export const yamlEsModule = {
  name: 'yaml-es-module',
  setup(build) {
    const entry = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

/** Options of every bundle: the client keeps `vscode` external; the server and CLI bundle everything. */
export function productOptions(production) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    // remark and friends are ESM; import.meta is not used at runtime by the parts we bundle.
    mainFields: ['module', 'main'],
    plugins: [yamlEsModule],
  };
}

// esbuild options shared by the product build (esbuild.mjs) and the benchmark's build of the core.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * vega-canvas's Node build awaits `import('canvas')` at its top level, which a CommonJS bundle
 * cannot hold; its browser build asks for a DOM canvas and finds none. The report's charts are
 * drawn without a canvas anyway (renderer 'none', estimated text widths: the same SVG everywhere).
 */
export const vegaWithoutCanvas = {
  name: 'vega-without-canvas',
  setup(build) {
    // The package exports only its two builds: find the Node one, take its sibling.
    build.onResolve({ filter: /^vega-canvas$/ }, (args) => ({
      path: join(dirname(require.resolve('vega-canvas', { paths: [args.resolveDir] })), 'vega-canvas.browser.js'),
    }));
  },
};

/** The CLI and the language server, one bundle (server/src/programs.ts); cli.js and server.js start from it. */
export const PROGRAMS_BUNDLE = 'incident-docs.js';

/** The loader of the shared bundle with its V8 code cache (contract/src/bundleLoader.ts), which cli.js and server.js carry. */
const BUNDLE_LOADER = join(dirname(fileURLToPath(import.meta.url)), '..', 'contract', 'src', 'bundleLoader.ts');

/**
 * dist/cli.js, the CLI's commands (server/src/cli/main.ts) without their implementations:
 * `require('./parts')` in cli/lazyParts.ts becomes the shared bundle's cliParts(), so `--version`,
 * `--help` and a usage error read 60 KB, not the 1.6 MB bundle with the core and the server. The
 * bundle is loaded with its code cache (bundleLoader.ts).
 */
export const cliPartsApart = {
  name: 'cli-parts-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/parts$/ }, (args) =>
      args.importer.replaceAll('\\', '/').endsWith('server/src/cli/lazyParts.ts') ? { path: 'cli-parts', namespace: 'cli-parts' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'cli-parts' }, () => ({
      contents: `const { loadBundle } = require(${JSON.stringify(BUNDLE_LOADER)});\nmodule.exports = loadBundle(require('node:path').join(__dirname, '${PROGRAMS_BUNDLE}')).cliParts();`,
      loader: 'js',
      resolveDir: dirname(BUNDLE_LOADER),
    }));
    build.onResolve({ filter: new RegExp(`^\\./${PROGRAMS_BUNDLE.replace('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
  },
};

/** The bundle of the chart libraries, next to cli.js and server.js. */
export const REPORT_CHARTS_BUNDLE = 'report-charts.js';

/**
 * `import('vega')` and `import('vega-lite')` (core/report/charts/render.ts) become
 * `require('./report-charts.js')`, the bundle of core/report/charts/libraries.ts: the CLI and the
 * server load the chart libraries (1.5 MB) only when a report is drawn, not at start-up. A
 * require, not an import(): the shared bundle is compiled as a vm.Script (contract/src/bundleLoader.ts,
 * for the code cache), where Node 20 runs an import() only with an experimental loader.
 */
export const chartsApart = {
  name: 'charts-apart',
  setup(build) {
    build.onResolve({ filter: /^vega(-lite)?$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: REPORT_CHARTS_BUNDLE, namespace: 'report-charts' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'report-charts' }, () => ({ contents: `module.exports = require('./${REPORT_CHARTS_BUNDLE}');`, loader: 'js' }));
    build.onResolve({ filter: new RegExp(`^\\./${REPORT_CHARTS_BUNDLE.replace('.', '\\.')}$`) }, (args) =>
      args.namespace === 'report-charts' ? { path: args.path, external: true } : undefined,
    );
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
    plugins: [yamlEsModule, vegaWithoutCanvas, chartsApart],
  };
}

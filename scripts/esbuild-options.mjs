// esbuild options shared by the product build (esbuild.mjs) and the benchmark's build of the core.
import { readFile } from 'node:fs/promises';

/**
 * yaml 2.x reads `process.env.LOG_TOKENS` once per token and `LOG_STREAM` once per document
 * (debug logging for its own developers). process.env is a C++ accessor: on a 5,000-entry
 * inventory those lookups were ~40% of the CST parse (130 ms of 310). The bundles never log
 * tokens, so the lookups become `false`. A warning says when yaml stops matching, so an
 * upgrade that moves the code is noticed (test/manifest checks the bundles too).
 */
export const yamlWithoutDebugEnv = {
  name: 'yaml-without-debug-env',
  setup(build) {
    const files = /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/;
    build.onLoad({ filter: files }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/\bnode_process\.env\.(LOG_TOKENS|LOG_STREAM)\b/g, 'false');
      const warnings = patched === source ? [{ text: `${args.path} no longer reads LOG_TOKENS/LOG_STREAM: the plugin can go` }] : [];
      return { contents: patched, loader: 'js', warnings };
    });
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
    plugins: [yamlWithoutDebugEnv],
  };
}

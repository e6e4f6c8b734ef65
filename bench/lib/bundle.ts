/**
 * Builds bench/core-entry.ts with the product's esbuild options, so P1b, P2 and scaling measure
 * the code users run (the bundles), not the TypeScript sources under tsx.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BundledCore {
  lint: typeof import('../../server/src/core/lint').lint;
  analyzeSteps: typeof import('../../server/src/core/lint').analyzeSteps;
  lintSteps: typeof import('../../server/src/core/lint').lintSteps;
  defaultConfig: typeof import('../../server/src/core/config').defaultConfig;
  /** yaml's parseDocument as bundled (its per-token process.env lookups removed). */
  parseDocument: typeof import('yaml').parseDocument;
}

export async function buildBundledCore(): Promise<BundledCore> {
  const { productOptions } = await import(join(__dirname, '..', '..', 'scripts', 'esbuild-options.mjs'));
  const outfile = join(__dirname, '..', '.inputs', 'build', 'core.js');
  await build({ ...productOptions(true), entryPoints: [join(__dirname, '..', 'core-entry.ts')], outfile });
  return require(outfile) as BundledCore;
}

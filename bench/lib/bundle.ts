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
  const outfile = join(__dirname, '..', '.inputs', 'build', 'core.js');
  await buildAsProduct(join(__dirname, '..', 'core-entry.ts'), outfile);
  return require(outfile) as BundledCore;
}

/** Bundles `entry` into `outfile` with the product's production options (minified, everything inside but `external`). */
export async function buildAsProduct(entry: string, outfile: string, external: string[] = []): Promise<void> {
  const { productOptions } = await import(join(__dirname, '..', '..', 'scripts', 'esbuild-options.mjs'));
  await build({ ...productOptions(true), entryPoints: [entry], outfile, external });
}

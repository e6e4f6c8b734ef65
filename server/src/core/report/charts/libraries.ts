/**
 * The entry of dist/report-charts.js (esbuild.mjs): what render.ts takes from vega and vega-lite,
 * bundled apart from the CLI and the server so that neither loads them at start-up. Nothing
 * imports this file; render.ts imports the packages, which the product build points here.
 */
export { logger, parse, View } from 'vega';
export { compile } from 'vega-lite';

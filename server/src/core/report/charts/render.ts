/**
 * Vega-Lite specifications drawn as SVG, in Node, when the report is built: the page needs no
 * chart script. No canvas is used (`renderer: 'none'`; text widths are estimated), so the output
 * is the same on every machine.
 *
 * vega and vega-lite are imported dynamically, and only here: the product build (esbuild.mjs)
 * turns these two imports into one `require('./report-charts.js')`, a bundle of its own, so the
 * CLI and the server load the chart libraries only when a report is drawn.
 */
import type { TopLevelSpec } from 'vega-lite';

/**
 * The chart as an `<svg>` element. What vega-lite and vega would log (a channel that does not
 * fit, an empty extent) goes to `warnings`, never to the console: stdout and stderr are the CLI's.
 */
export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const WARN = 2;
  const logger = vega.logger(WARN, 'warn', (_method, _level, args) => warnings.push(args.map(String).join(' ')));
  const compiled = vegaLite.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: WARN });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * `incident-docs report PATH... --out DIR` (its options in commands/report.ts, which requires this
 * when the command runs): the post-mortems of a repository as incidents.json, incidents.csv and
 * index.html (charts and a sortable table). Files are read and linted exactly as `lint` reads them; records, CSV and page come from core/report. The chart libraries are loaded
 * only when the page is drawn (see core/report/charts/render.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeControls } from '../core/quote';
import { recordsToCsv } from '../core/report/csv';
import { renderReportPage, type ReportPageOptions } from '../core/report/page/html';
import { relativeHref } from '../core/report/page/links';
import { compareRecords, inPeriod, type IncidentRecord, type Period } from '../core/report/record';
import { expandPaths } from '../core/workspace/expandPaths';
import { ConfigResolver } from './configs';
import { CliError, EXIT_OK, EXIT_USAGE } from './errors';
import type { ReportFormat } from './reportFormats';
import { asCliErrorAsync } from './usageErrors';
import { displayPath } from './paths';
import { readRecords } from './commands/reportRecords';

/** What each format writes: the page comes with the data it was drawn from. */
const FILES: Record<ReportFormat, string[]> = {
  html: ['index.html', 'incidents.json', 'incidents.csv'],
  json: ['incidents.json'],
  csv: ['incidents.csv'],
};

export interface ReportCommandOptions {
  out: string;
  since?: string;
  until?: string;
  format: ReportFormat;
  now?: Date;
  config?: string;
}

export interface ReportIo {
  cwd: string;
  stdout(text: string): void;
  /** One line, without its newline. */
  stderr(line: string): void;
}

const MARKDOWN = /\.(md|markdown)$/i;

export async function runReport(inputs: string[], options: ReportCommandOptions, io: ReportIo): Promise<number> {
  const period: Period = { since: options.since, until: options.until };
  if (period.since && period.until && period.since > period.until) throw new CliError(`--since ${period.since} is after --until ${period.until}`);
  const now = options.now ?? new Date();
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    io.stderr(`incident-docs: warning: ${message}`);
  };
  // Here for its checks only: a --config that cannot be used stops the run before anything is read.
  new ConfigResolver({ explicitFile: options.config, ruleOverrides: {}, cwd: io.cwd, warn });
  let failed = 0;
  const fail = (message: string) => {
    failed++;
    io.stderr(`incident-docs: ${message}`);
  };
  const files = (await asCliErrorAsync(() => expandPaths(inputs, io.cwd, { warn: fail, show: (f) => displayPath(f, io.cwd) }))).filter((f) => MARKDOWN.test(f));

  const { outcomes, warnings } = await readRecords({ files, cwd: io.cwd, now: now.toISOString(), config: options.config });
  warnings.forEach(warn);
  const located: { record: IncidentRecord; file: string }[] = [];
  let undated = 0;
  outcomes.forEach(({ record, failure }, i) => {
    if (failure) fail(failure);
    else if (record && inPeriod(record, period)) located.push({ record, file: files[i] });
    else if (record && !record.date) undated++;
  });
  if (undated > 0) warn(`${undated} post-mortem${undated === 1 ? ' has' : 's have'} no date and ${undated === 1 ? 'is' : 'are'} left out of the period`);
  located.sort((a, b) => compareRecords(a.record, b.record));
  const records = located.map((l) => l.record);

  const outDir = path.resolve(io.cwd, options.out);
  const contents = await reportFiles(options.format, records, {
    now,
    scope: scopeOf(inputs, period, io.cwd),
    hrefOf: (_, index) => relativeHref(outDir, located[index].file),
  });
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const [name, text] of contents) fs.writeFileSync(path.join(outDir, name), text);
  } catch (e) {
    throw new CliError(`--out ${options.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const shownDir = displayPath(outDir, io.cwd);
  io.stdout(`Wrote ${contents.map(([name]) => `${shownDir}/${name}`).join(', ')}: ${records.length} post-mortem${records.length === 1 ? '' : 's'}.\n`);
  return failed > 0 ? EXIT_USAGE : EXIT_OK;
}

async function reportFiles(
  format: ReportFormat,
  records: IncidentRecord[],
  page: ReportPageOptions,
): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const name of FILES[format]) {
    if (name === 'incidents.json') out.push([name, `${JSON.stringify(records, null, 2)}\n`]);
    else if (name === 'incidents.csv') out.push([name, recordsToCsv(records)]);
    else out.push([name, await renderReportPage(records, page)]);
  }
  return out;
}

/** "postmortems", "incident-docs" (for `.`), "3 paths"; then the period. */
function scopeOf(inputs: string[], period: Period, cwd: string): string {
  const shown = inputs.length === 1 ? displayPath(path.resolve(cwd, inputs[0]), cwd) : '';
  const what = inputs.length > 1 ? `${inputs.length} paths` : shown === '.' ? path.basename(cwd) : shown;
  const when = [period.since && `since ${period.since}`, period.until && `until ${period.until}`].filter(Boolean).join(' ');
  return escapeControls(when ? `${what}, ${when}` : what);
}

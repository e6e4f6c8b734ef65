/**
 * `incident-docs report PATH... --out DIR`: its options and help. The report (runReport.ts, with
 * the linting and the page) is required when the command runs, not at start-up.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { cliParts } from '../lazyParts';
import { parseNow } from '../options';
import { REPORT_FORMATS } from '../reportFormats';
import type { ReportCommandOptions, ReportIo } from '../runReport';

/** `--since`/`--until`: a calendar day, `YYYY-MM-DD`, that exists. */
export function parseDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !day || day.toISOString().slice(0, 10) !== m[0]) throw new InvalidArgumentError('Expected a day as YYYY-MM-DD, e.g. 2026-01-01.');
  return m[0];
}

const processIo = (): ReportIo => cliParts().processIoModule().processIo();

export function registerReportCommand(program: Command, io: () => ReportIo = processIo): Command {
  return program
    .command('report')
    .description('Write an incident report of the post-mortems: incidents.json, incidents.csv and a page with charts.')
    .argument('<paths...>', 'post-mortems: files, folders (walked for .md/.markdown, honouring .gitignore) or globs')
    .requiredOption('-o, --out <dir>', 'folder for the report (created if missing)')
    .option('--since <day>', 'only incidents on or after this day (YYYY-MM-DD); undated post-mortems are left out', parseDay)
    .option('--until <day>', 'only incidents on or before this day (YYYY-MM-DD)', parseDay)
    .addOption(
      new Option('-f, --format <format>', 'html: index.html with incidents.json and incidents.csv; json or csv: that file alone')
        .choices([...REPORT_FORMATS])
        .default('html'),
    )
    .option('--now <iso-8601>', 'reference time for findings and ages, e.g. 2026-11-27T12:00:00Z (default: the clock)', parseNow)
    .option('-c, --config <file>', 'settings file for every path (default: the nearest .incident-docs.yaml at or above each file)')
    .addHelpText('after', '\nExit codes: 0 written, 2 usage or I/O error (a file that could not be read is left out and named).')
    .action(async (paths: string[], options: ReportCommandOptions) => {
      process.exitCode = await cliParts().reportModule().runReport(paths, options, io());
    });
}

/**
 * `incident-docs export ical INVENTORY... --out FILE.ics`: the inventories' expiry and renewal
 * dates as a calendar a team subscribes to. The calendar's text comes from core/export; this
 * reads the inventories as `export prometheus` does and writes the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { calendarEntries } from '../../core/export/calendar';
import type { InventorySource } from '../../core/export/entries';
import { icalExport } from '../../core/export/ical';
import { ConfigResolver } from '../configs';
import { CliError, EXIT_OK } from '../errors';
import { parseNow } from '../options';
import { displayPath } from '../paths';
import { readInventory, type ExportIo } from './exportInputs';

export interface ExportIcalOptions {
  out: string;
  name: string;
  now?: Date;
  config?: string;
}

const DEFAULT_CALENDAR_NAME = 'Certificates';

async function runExportIcal(inventories: string[], options: ExportIcalOptions, io: ExportIo): Promise<number> {
  const warn = (message: string) => io.stderr(`incident-docs: warning: ${message}`);
  const configs = new ConfigResolver({ explicitFile: options.config, ruleOverrides: {}, cwd: io.cwd, warn });
  const sources: InventorySource[] = [];
  for (const input of inventories) sources.push(await readInventory(path.resolve(io.cwd, input), configs, io.cwd, warn));
  const { entries, warnings } = calendarEntries(sources);
  for (const reason of warnings) warn(reason);
  if (entries.length === 0) warn('no certificate with an expiry date: the calendar has no events');

  const text = icalExport(entries, { now: options.now ?? new Date(), name: options.name });
  const out = path.resolve(io.cwd, options.out);
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    // Whole or not at all: a calendar client polling the file never reads half of it.
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, out);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw new CliError(`--out ${options.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const renewals = entries.filter((e) => e.renewalDue).length;
  io.stdout(
    `Wrote ${displayPath(out, io.cwd)}: ${entries.length} certificate${entries.length === 1 ? '' : 's'}, ` +
      `${entries.length + renewals} event${entries.length + renewals === 1 ? '' : 's'} (${renewals} renewal${renewals === 1 ? '' : 's'} due).\n`,
  );
  return EXIT_OK;
}

export function registerExportIcalCommand(exportCommand: Command, io: () => ExportIo): void {
  exportCommand
    .command('ical')
    .description('Write an iCalendar file: each certificate\'s expiry (with a reminder at its warn window) and automated renewal\'s due day.')
    .argument('<inventory...>', 'certificate inventory files (YAML)')
    .requiredOption('-o, --out <file.ics>', 'the calendar file to write (replaced whole)')
    .option('--name <text>', 'the calendar\'s name as clients show it', DEFAULT_CALENDAR_NAME)
    .option('--now <iso-8601>', 'the events\' DTSTAMP (default: the clock)', parseNow)
    .option('-c, --config <file>', 'settings file (warnDays, warnShare, renewAtShare) instead of the nearest .incident-docs.yaml')
    .addHelpText('after', '\nExit codes: 0 written, 2 usage or I/O error, or an inventory that does not parse.')
    .action(async (inventories: string[], options: ExportIcalOptions) => {
      process.exitCode = await runExportIcal(inventories, options, io());
    });
}

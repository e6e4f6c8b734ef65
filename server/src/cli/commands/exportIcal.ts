/**
 * `incident-docs export ical INVENTORY... --out FILE.ics`: the inventories' expiry and renewal
 * dates as a calendar a team subscribes to. Its options and help; the export (runExport.ts) is
 * required when it runs.
 */
import type { Command } from 'commander';
import { cliParts } from '../lazyParts';
import { parseNow } from '../options';
import type { ExportIcalOptions } from '../runExport';
import type { ExportIo } from './exportInputs';

const DEFAULT_CALENDAR_NAME = 'Certificates';

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
      process.exitCode = await cliParts().exportModule().runExportIcal(inventories, options, io());
    });
}

/**
 * `incident-docs export prometheus INVENTORY... --out DIR`: the inventory as blackbox_exporter
 * targets, alert rules and configs, so certificates are watched between reviews by the monitoring
 * teams already run. Its options and help; the export (runExport.ts) is required when it runs.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_BLACKBOX_ADDRESS, DEFAULT_JOB, DEFAULT_MODULE } from '../../core/export/prometheusDefaults';
import { cliParts } from '../lazyParts';
import type { ExportPrometheusOptions } from '../runExport';
import type { ExportIo } from './exportInputs';
import { registerExportIcalCommand } from './exportIcal';

/** Job names become a label value and a PromQL string; module names a YAML key and a URL parameter. */
function parseName(what: string): (value: string) => string {
  return (value) => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(value)) {
      throw new InvalidArgumentError(`Expected a ${what} of letters, digits, _, . and - (starting with a letter or _).`);
    }
    return value;
  };
}

function parseAddress(value: string): string {
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/.test(value)) throw new InvalidArgumentError('Expected host:port, e.g. 127.0.0.1:9115.');
  return value;
}

const processIo = (): ExportIo => cliParts().processIoModule().processIo();

export function registerExportCommand(program: Command, io: () => ExportIo = processIo): Command {
  const exportCommand = program.command('export').description('Turn certificate inventories into monitoring configuration or a calendar.');
  exportCommand
    .command('prometheus')
    .description('Write blackbox_exporter targets, alert rules and configs for the inventories\' certificates.')
    .argument('<inventory...>', 'certificate inventory files (YAML)')
    .requiredOption('-o, --out <dir>', 'folder for targets.json, rules.yaml, blackbox.yml and prometheus.yml (created if missing)')
    .option('--job <name>', 'Prometheus job name, matched by the rules', parseName('job name'), DEFAULT_JOB)
    .option('--module <name>', 'name of the blackbox TLS module', parseName('module name'), DEFAULT_MODULE)
    .option('--blackbox <host:port>', 'where blackbox_exporter listens, for prometheus.yml', parseAddress, DEFAULT_BLACKBOX_ADDRESS)
    .option('-c, --config <file>', 'settings file (warnDays, inventoryGlobs) instead of the nearest .incident-docs.yaml')
    .addHelpText('after', '\nExit codes: 0 written, 2 usage or I/O error, or an inventory that does not parse.')
    .action(async (inventories: string[], options: ExportPrometheusOptions) => {
      process.exitCode = await cliParts().exportModule().runExportPrometheus(inventories, options, io());
    });
  registerExportIcalCommand(exportCommand, io);
  return exportCommand;
}

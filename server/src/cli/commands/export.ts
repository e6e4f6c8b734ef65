/**
 * `incident-docs export prometheus INVENTORY... --out DIR`: the inventory as blackbox_exporter
 * targets, alert rules and configs, so certificates are watched between reviews by the monitoring
 * teams already run. The files' contents come from core/export; this only reads and writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { monitoredEntries, type InventorySource } from '../../core/export/entries';
import {
  DEFAULT_BLACKBOX_ADDRESS,
  DEFAULT_JOB,
  DEFAULT_MODULE,
  HTTPS_MODULE,
  prometheusExport,
  unprobeableSchemes,
} from '../../core/export/prometheus';
import { ConfigResolver } from '../configs';
import { CliError, EXIT_OK } from '../errors';
import { displayPath } from '../paths';
import { registerExportIcalCommand } from './exportIcal';
import { processIo, readInventory, type ExportIo } from './exportInputs';

export interface ExportPrometheusOptions {
  out: string;
  job: string;
  module: string;
  blackbox: string;
  config?: string;
}


async function runExportPrometheus(inventories: string[], options: ExportPrometheusOptions, io: ExportIo): Promise<number> {
  if (options.module === HTTPS_MODULE) throw new CliError(`--module ${HTTPS_MODULE}: that name is taken by the https module`);
  const configs = new ConfigResolver({
    explicitFile: options.config,
    ruleOverrides: {},
    cwd: io.cwd,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  });
  const sources: InventorySource[] = [];
  for (const input of inventories) sources.push(await readInventory(path.resolve(io.cwd, input), configs, io.cwd, (m) => io.stderr(`incident-docs: warning: ${m}`)));

  const { entries, warnings } = monitoredEntries(sources);
  for (const reason of warnings) io.stderr(`incident-docs: warning: ${reason}`);
  for (const gap of unprobeableSchemes(entries)) io.stderr(`incident-docs: warning: ${gap}`);
  if (entries.length === 0) io.stderr('incident-docs: warning: no entry with a name and a host: targets.json is empty');

  const files = prometheusExport(entries, {
    job: options.job,
    module: options.module,
    blackboxAddress: options.blackbox,
    sources: sources.map((s) => s.file),
  });
  const outDir = path.resolve(io.cwd, options.out);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), text);
  } catch (e) {
    throw new CliError(`--out ${options.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const targets = entries.reduce((n, e) => n + e.targets.length, 0);
  const shownDir = displayPath(outDir, io.cwd);
  io.stdout(
    `Wrote ${Object.keys(files).map((f) => `${shownDir}/${f}`).join(', ')}: ` +
      `${entries.length} certificate${entries.length === 1 ? '' : 's'}, ${targets} target${targets === 1 ? '' : 's'}.\n`,
  );
  return EXIT_OK;
}


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
      process.exitCode = await runExportPrometheus(inventories, options, io());
    });
  registerExportIcalCommand(exportCommand, io);
  return exportCommand;
}

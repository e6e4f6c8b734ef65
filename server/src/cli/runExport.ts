/**
 * `incident-docs export prometheus|ical INVENTORY...` (their options in commands/export.ts and
 * commands/exportIcal.ts, which require this when a command runs): the inventories read as
 * `lint` reads them, the files' contents from core/export, written here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { calendarEntries } from '../core/export/calendar';
import { monitoredEntries, type InventorySource } from '../core/export/entries';
import { icalExport } from '../core/export/ical';
import { prometheusExport, unprobeableSchemes } from '../core/export/prometheus';
import { HTTPS_MODULE } from '../core/export/prometheusDefaults';
import { readInventory, type ExportIo } from './commands/exportInputs';
import { ConfigResolver } from './configs';
import { CliError, EXIT_OK } from './errors';
import { displayPath } from './paths';

export interface ExportPrometheusOptions {
  out: string;
  job: string;
  module: string;
  blackbox: string;
  config?: string;
}

export interface ExportIcalOptions {
  out: string;
  name: string;
  now?: Date;
  config?: string;
}

export async function runExportPrometheus(inventories: string[], options: ExportPrometheusOptions, io: ExportIo): Promise<number> {
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

export async function runExportIcal(inventories: string[], options: ExportIcalOptions, io: ExportIo): Promise<number> {
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

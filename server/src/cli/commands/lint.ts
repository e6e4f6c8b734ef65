/**
 * `incident-docs lint`: its options and help. The linting (runLint.ts and, through it, the core)
 * is required when the command runs, not at start-up.
 */
import { Option, type Command } from 'commander';
import { shouldUseColor } from '../format/colors';
import { FORMAT_NAMES } from '../format/names';
import { cliParts } from '../lazyParts';
import { holdYoungGeneration } from '../youngGeneration';
import { parseMaxWarnings, parseNow, parsePositive, parseRuleOverride } from '../options';
import { cliVersion } from '../program';
import type { LintCommandOptions } from '../runLint';

const KINDS = ['postmortem', 'inventory', 'cert-manager'];

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('Check post-mortems (Markdown) and certificate inventories (YAML).')
    .argument('<paths...>', 'files (always read), folders (walked for .md/.markdown/.yaml/.yml, honouring .gitignore) or globs')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(FORMAT_NAMES)
        .default(FORMAT_NAMES[0]),
    )
    .option('--now <iso-8601>', 'reference time for dates and expiry, e.g. 2026-11-27T12:00:00Z (default: the clock)', parseNow)
    .option('-c, --config <file>', 'settings file for every path (default: the nearest .incident-docs.yaml at or above each file)')
    .addOption(new Option('--kind <kind>', 'treat every file as this kind of document, skipping detection').choices(KINDS))
    .option('--rule <rule=level>', 'set a rule to off, hint, info, warning or error (repeatable)', parseRuleOverride)
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit with 1 when there are more than n warnings', parseMaxWarnings)
    .option('--changed-since <ref>', 'only files changed since this git ref (e.g. origin/main), plus untracked ones')
    .option('--live', 'also probe every host of every inventory entry (a TLS handshake each) and report cert/live-* findings')
    .option('--concurrency <n>', 'with --live: probes at most n hosts at once (default 16)', parsePositive)
    .option('--timeout <ms>', 'with --live: limit per host for DNS, connect and handshake (default 5000)', parsePositive)
    .option('--cert <file>', 'with --live: client certificate (PEM) for hosts that ask for one, unless their entry names its own (clientCert)')
    .option('--key <file>', 'with --live: the private key of --cert (PEM, unencrypted)')
    .option('--fix', 'apply every safe fix (docs/rules.md says which are), write the files, then report what remains')
    .option('--fix-dry-run', 'print what --fix would change as a unified diff; write nothing')
    .option('--fix-rule <rule>', 'with --fix or --fix-dry-run: fix only this rule\'s findings (repeatable, or comma-separated)', collect)
    .option('-j, --jobs <n>', 'check files in n worker threads (default: one per core, for runs of a few hundred files or more; with --live, one)', parsePositive)
    .option('--allow-paths-outside-workspace', 'let pemFile and extraCaFiles name files outside the repository (never taken from a config file)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found (or --max-warnings exceeded), 2 usage or I/O error.',
    )
    .action(async (paths: string[], options: LintCommandOptions) => {
      // Before the bundle is read: reading it is what first grows the young generation.
      if (options.live) holdYoungGeneration();
      const parts = cliParts();
      let showing: ReturnType<ReturnType<typeof parts.progressModule>['terminalProgress']> | undefined;
      const shown: NonNullable<typeof showing>[] = [];
      try {
        process.exitCode = await parts.lintModule().runLint(paths, options, {
          ...parts.processIoModule().processIo(() => showing),
          color: shouldUseColor(process.stdout, process.env),
          version: cliVersion,
          progress: process.stderr.isTTY ? (unit) => (showing = shown[shown.push(parts.progressModule().terminalProgress(unit)) - 1]) : undefined,
        });
      } finally {
        // However the run ended: a bar left showing keeps redrawing, and the process never exits.
        for (const line of shown) line.stop();
      }
    });
}

/**
 * `incident-docs diff --base REF`: its options and help. The diff (diff/runDiff.ts, with git and
 * the core) is required when the command runs, not at start-up.
 */
import { Option, type Command } from 'commander';
import type { DiffCommandOptions } from '../diff/runDiff';
import { DIFF_FORMATS } from '../diff/types';
import { cliParts } from '../lazyParts';
import { parseNow } from '../options';
import { cliVersion } from '../program';

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('Compare the inventories a change touches with their base versions, in certificate terms (for reviewers).')
    .argument('[paths...]', 'files or folders to look in (default: the whole repository)')
    .requiredOption('--base <ref>', 'git ref to compare with (e.g. origin/main); its merge base with HEAD is the base, as in a pull request')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('markdown'))
    .option('--now <iso-8601>', 'reference time for expiry and warn windows, e.g. 2026-11-27T12:00:00Z (default: the clock)', parseNow)
    .option('-c, --config <file>', 'settings file for every path (default: the nearest .incident-docs.yaml at or above each file)')
    .addHelpText(
      'after',
      '\nThe base versions come from git, the new ones from the working tree (committed or not).\n' +
        'Exit codes: 0 the diff was printed, 2 usage or I/O error (a bad ref, not a git repository).',
    )
    .action(async (paths: string[], options: DiffCommandOptions) => {
      const parts = cliParts();
      process.exitCode = await parts.diffModule().runDiff(paths, options, { ...parts.processIoModule().processIo(), color: false, version: cliVersion });
    });
}

/**
 * incident-docs CLI entry point (dist/cli.js, the package's `bin`). Wiring only: each subcommand
 * registers itself from commands/<name>.ts; the checking happens in the core.
 *
 * Start-up loads commander and the commands' options and help, nothing more: each command's
 * action requires its implementation when it runs (esbuild evaluates a module required inside a
 * function on that call), so `--version` never evaluates the core, and `lint` no export code.
 * test/cli/startup.test.ts fails when a static import here or in commands/ brings the core back.
 */
import { CommanderError } from 'commander';
import { registerCertCommand } from './commands/cert';
import { registerDiffCommand } from './commands/diff';
import { registerExportCommand } from './commands/export';
import { registerLintCommand } from './commands/lint';
import { registerReportCommand } from './commands/report';
import { registerRulesCommand } from './commands/rules';
import { EXIT_USAGE, isCliError } from './errors';
import { cliParts } from './lazyParts';
import { createProgram } from './program';
import { isCliWorker } from './workers/protocol';

// `report` and `lint --jobs` check files in worker threads, each running this bundle: see workers/pool.ts.
if (isCliWorker()) cliParts().workerModule().serveWorker();
else runCommandLine();

function runCommandLine(): void {
  const program = createProgram();
  registerLintCommand(program);
  registerRulesCommand(program);
  registerCertCommand(program);
  registerExportCommand(program);
  registerReportCommand(program);
  registerDiffCommand(program);

  // `incident-docs lint ... | head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  program.parseAsync(process.argv).catch((e: unknown) => {
    if (e instanceof CommanderError) {
      // commander has printed its message already; help and --version end with code 0.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
    } else if (isCliError(e)) {
      process.stderr.write(`incident-docs: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`incident-docs: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      if (process.env.INCIDENT_DOCS_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
      process.exitCode = EXIT_USAGE;
    }
  });
}

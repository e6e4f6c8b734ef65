import { Command } from 'commander';
import packageJson from '../../../package.json';

export const cliVersion: string = packageJson.version;

/**
 * The root command. Settings made here are inherited by the subcommands registered on it
 * afterwards (commander copies them in `.command()`), so every parse error ends up in main.ts.
 */
export function createProgram(): Command {
  return new Command('incident-docs')
    .description('Lint incident post-mortems and certificate inventories.')
    .version(cliVersion, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

/**
 * A problem with how the CLI was called or with the files it was pointed at (usage or I/O).
 * main.ts prints its message, without a stack trace, and exits with code 2. Nothing of the core
 * here: main.ts loads this at start-up (the core's errors become these in usageErrors.ts).
 */
export class CliError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Whether `e` is a CliError. dist/cli.js and the shared bundle it loads for a command's work
 * (programs.ts) each hold a copy of this class, so `instanceof` alone cannot tell.
 */
export function isCliError(e: unknown): e is CliError {
  return e instanceof CliError || (e instanceof Error && e.name === 'CliError' && (e as Partial<CliError>).exitCode === 2);
}

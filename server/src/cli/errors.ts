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

import { ProbeInputError } from '../core/live';
import { WorkspaceError } from '../core/workspace/errors';

/**
 * A problem with how the CLI was called or with the files it was pointed at (usage or I/O).
 * main.ts prints its message, without a stack trace, and exits with code 2.
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
 * The core's errors about what the user gave (a path that names nothing, an unreadable file, a
 * bad host or CA text) become usage errors: main.ts prints them and exits 2. Anything else is a bug.
 */
function asUsageError(e: unknown): unknown {
  if (e instanceof WorkspaceError || e instanceof ProbeInputError) return new CliError(e.message);
  return e;
}

export function asCliError<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw asUsageError(e);
  }
}

export async function asCliErrorAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asUsageError(e);
  }
}

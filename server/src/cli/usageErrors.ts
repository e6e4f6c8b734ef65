import { ProbeInputError } from '../core/live/types';
import { WorkspaceError } from '../core/workspace/errors';
import { CliError } from './errors';

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

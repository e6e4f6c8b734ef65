/** `--cert FILE --key FILE` of `cert` and `lint --live`: the user's own files, read bounded like a pemFile. */
import * as path from 'node:path';
import { checkClientIdentity } from '../core/live/clientAuth';
import type { ClientIdentity } from '../core/live/types';
import { READ_LIMITS, readTextFileSync } from '../core/workspace/readFile';
import { CliError } from './errors';
import { asCliError } from './usageErrors';
import { messagePath } from './paths';

export function readClientIdentity(certFile: string | undefined, keyFile: string | undefined, cwd: string): ClientIdentity | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new CliError('--cert and --key go together: give both, or neither');
  const read = (file: string, what: string) => {
    const resolved = path.resolve(cwd, file);
    const shown = `${what} ${messagePath(resolved, cwd)}`;
    return { shown, text: asCliError(() => readTextFileSync(resolved, { maxBytes: READ_LIMITS.pem, what }, shown)) };
  };
  const cert = read(certFile, 'client certificate');
  const key = read(keyFile, 'private key');
  return asCliError(() => checkClientIdentity(cert.text, key.text, { cert: cert.shown, key: key.shown }));
}

/** Tools from outside npm that some suites run; scripts/test-setup.sh installs them. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const PRE_COMMIT_VERSION = '4.6.2';

/** The pre-commit executable in its venv (the same path scripts/test-setup.sh installs to). */
export function preCommit(): string {
  const dir =
    process.env.INCIDENT_DOCS_PRE_COMMIT_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'incident-docs', `pre-commit-${PRE_COMMIT_VERSION}`);
  const executable = path.join(dir, 'bin', 'pre-commit');
  if (!existsSync(executable)) throw new Error(`${executable} is missing: run scripts/test-setup.sh (it installs pre-commit ${PRE_COMMIT_VERSION} there)`);
  return executable;
}

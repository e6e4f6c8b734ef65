import type { Config } from '../config';
import { WorkspaceError } from '../workspace/errors';
import { outsideRootReason } from '../workspace/pathPolicy';
import { READ_LIMITS, readTextFileSync } from '../workspace/readFile';

/**
 * The PEM text of `extraCaFiles`, for live checks. Paths are absolute by now (a config file's are
 * resolved against its folder when it is loaded). Like `pemFile`, a file outside the root (the
 * workspace folder, or the repository in the CLI) is skipped with a warning unless
 * `allowPathsOutsideWorkspace` is set; an unreadable one (missing, a pipe, too large) is skipped
 * with a warning too. The file checked is the file read.
 */
export function loadExtraCas(config: Config, root: string | undefined, warn: (message: string) => void): string[] {
  const pems: string[] = [];
  for (const file of config.extraCaFiles) {
    const outside = outsideRootReason(file, root, config.allowPathsOutsideWorkspace);
    if (outside) {
      warn(`extraCaFiles: ${outside}`);
      continue;
    }
    try {
      pems.push(readTextFileSync(file, { maxBytes: READ_LIMITS.caBundle, what: 'CA file' }));
    } catch (e) {
      if (!(e instanceof WorkspaceError)) throw e;
      warn(`extraCaFiles: ${e.message}`);
    }
  }
  return pems;
}

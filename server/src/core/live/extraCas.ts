import { readFileSync } from 'node:fs';
import type { Config } from '../config';
import { outsideRootReason } from '../workspacePaths';

/**
 * The PEM text of `extraCaFiles`, for live checks. Like `pemFile`, a file outside the root (the
 * workspace folder, or the config file's folder in the CLI) is skipped with a warning unless
 * `allowPathsOutsideWorkspace` is set; an unreadable one is skipped with a warning too.
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
      pems.push(readFileSync(file, 'utf8'));
    } catch (e) {
      warn(`extraCaFiles: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  return pems;
}

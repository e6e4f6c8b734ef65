import * as path from 'node:path';

/**
 * How a file is shown: relative to the working directory, with forward slashes (what CI
 * annotations and SARIF expect). On Windows, a file on another drive stays absolute.
 */
export function displayPath(file: string, cwd: string): string {
  return (path.relative(cwd, file) || '.').split(path.sep).join('/');
}

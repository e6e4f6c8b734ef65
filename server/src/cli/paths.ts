import * as path from 'node:path';

/**
 * How a file is shown: relative to the working directory, with forward slashes (what CI
 * annotations and SARIF expect). On Windows, a file on another drive stays absolute.
 */
export function displayPath(file: string, cwd: string): string {
  return (path.relative(cwd, file) || '.').split(path.sep).join('/');
}

/** How a file the user named is shown in a message: relative when below the working directory, else absolute. */
export function messagePath(file: string, cwd: string): string {
  const relative = displayPath(file, cwd);
  return relative.startsWith('../') || relative === '..' ? file.split(path.sep).join('/') : relative;
}

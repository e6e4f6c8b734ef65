import * as path from 'node:path';
import { URI } from 'vscode-uri';

/**
 * The file system path behind a `file:` URI, decoded (spaces, `@`, `+` and friends), or undefined
 * for other schemes (untitled buffers) and URIs that do not parse. Clients encode URIs
 * differently (VS Code escapes `@` and `+`, Neovim does not), so paths, never URI strings, are compared.
 */
export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? path.normalize(parsed.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `child` is `parent` or lies below it. */
export function isPathInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function pathToUri(filePath: string): string {
  return URI.file(filePath).toString();
}

/**
 * What the incident report's webview may ask of the extension: open the file of a record, by
 * its index in the server's answer. Pure (no `vscode`), so node --test checks it. The page is
 * built from repository text: a message names an index, never a path, and only a `file:` URI
 * the server listed is ever opened.
 */
export function fileToOpen(message: unknown, files: readonly string[]): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { type, file } = message as { type?: unknown; file?: unknown };
  if (type !== 'open' || typeof file !== 'number' || !Number.isInteger(file) || file < 0 || file >= files.length) return undefined;
  const uri = files[file];
  return uri.startsWith('file:') ? uri : undefined;
}

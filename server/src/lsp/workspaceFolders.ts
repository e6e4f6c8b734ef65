import type { InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { isPathInside, pathToUri, uriToPath } from './uri';

/**
 * The workspace folders as decoded paths. A `.incident-docs.yaml` is looked up from a document's
 * folder up to the folder that contains it, never above.
 */
export class WorkspaceFolders {
  private folders: string[] = [];

  constructor(params: InitializeParams) {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
    // rootPath is deprecated, but some older clients send nothing else.
    if (this.folders.length === 0 && params.rootPath) this.folders = [params.rootPath];
  }

  update(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
    const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    this.folders = [...this.folders.filter((f) => !removed.has(f)), ...added];
  }

  /** The first workspace folder as a URI: whose settings apply to a command run on no document. */
  firstUri(): string | undefined {
    return this.folders[0] === undefined ? undefined : pathToUri(this.folders[0]);
  }

  /** The innermost workspace folder holding the file, if any. */
  rootFor(filePath: string): string | undefined {
    return this.folders
      .filter((folder) => isPathInside(filePath, folder))
      .sort((a, b) => b.length - a.length)[0];
  }
}

import { workspace, type CancellationToken, type Uri } from 'vscode';
import { excludeGlob } from './fileGlobs';

/** More files than any docs repository holds; bounds a scan of a monorepo opened by mistake. */
const MAX_FILES = 20_000;

/** Files of the workspace matching `glob`, honouring files.exclude (and never node_modules). */
export function findWorkspaceFiles(glob: string, token?: CancellationToken): Thenable<Uri[]> {
  const exclude = excludeGlob(workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'));
  return workspace.findFiles(glob, exclude, MAX_FILES, token);
}

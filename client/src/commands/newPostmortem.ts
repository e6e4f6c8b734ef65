import { FileType, SnippetString, Uri, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PostmortemSkeletonRequest, SettingsRequest } from '../../../contract/src/requests';
import { folderSegments, localDay, postmortemFileName } from '../postmortem/postmortemFile';

/**
 * Asks for a title, creates `<postmortemFolder>/<YYYY-MM-DD>-<slug>.md` from the configured template
 * (the `template` setting: a preset or the team's file, built into a snippet by the server) and
 * opens it at the first tab stop.
 */
export async function newPostmortem(_context: ExtensionContext, client: LanguageClient): Promise<void> {
  const folder =
    workspace.workspaceFolders?.length === 1 ? workspace.workspaceFolders[0] : await window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the post-mortem' });
  if (!folder) {
    if (!workspace.workspaceFolders?.length) void window.showErrorMessage('New Post-Mortem: open a folder first.');
    return;
  }
  const title = await window.showInputBox({
    title: 'New Post-Mortem',
    prompt: 'Title of the incident',
    placeHolder: 'API gateway certificate expired',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'A title names the file and heads the document.'),
  });
  if (!title?.trim()) return;

  // The folder may come from a shared .incident-docs.yaml, so the server resolves it like every setting.
  const settings = await client.sendRequest(SettingsRequest, { uri: Uri.joinPath(folder.uri, '.incident-docs.yaml').toString() });
  const segments = folderSegments(settings.postmortemFolder);
  if (!segments) {
    void window.showErrorMessage(`New Post-Mortem: postmortemFolder "${settings.postmortemFolder}" must be a folder inside the workspace.`);
    return;
  }
  const directory = Uri.joinPath(folder.uri, ...segments);
  const skeleton = await client.sendRequest(PostmortemSkeletonRequest, { uri: Uri.joinPath(directory, 'new.md').toString(), title: title.trim() });
  // The default template stands in; the user learns why theirs was not used.
  if (skeleton.problem) void window.showWarningMessage(`New Post-Mortem: the template was not used (${skeleton.problem}); the default one was.`);
  const template = skeleton.snippet;
  await workspace.fs.createDirectory(directory);
  const existing = new Set((await workspace.fs.readDirectory(directory)).filter(([, type]) => type !== FileType.Directory).map(([name]) => name));
  const file = Uri.joinPath(directory, postmortemFileName(localDay(new Date()), title, (name) => existing.has(name)));
  await workspace.fs.writeFile(file, new Uint8Array());
  const editor = await window.showTextDocument(file);
  // As a snippet: dates filled in, the cursor on the first thing to write, Tab to the next.
  await editor.insertSnippet(new SnippetString(template));
  await editor.document.save();
}

import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS } from './codeActions';
import type { ClientFeatures } from './clientFeatures';

/** What the server offers: only the requests the client announced, in forms it can take. */
export function serverCapabilities(features: ClientFeatures, commandIds: string[]): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    executeCommandProvider: { commands: commandIds },
  };
  // Quick fixes and fix-all are CodeAction literals; a client that cannot take those gets none.
  if (features.codeActions.literals) capabilities.codeActionProvider = { codeActionKinds: CODE_ACTION_KINDS };
  if (features.requests.hover) capabilities.hoverProvider = true;
  // Front-matter keys and values; no trigger characters: Markdown prose would ask on every space.
  if (features.requests.completion) capabilities.completionProvider = { resolveProvider: false };
  if (features.requests.documentSymbol) capabilities.documentSymbolProvider = { label: 'Incident Docs' };
  if (features.requests.codeLens) capabilities.codeLensProvider = { resolveProvider: false };
  if (features.requests.documentLink) capabilities.documentLinkProvider = { resolveProvider: false };
  if (features.workspaceFolders) capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  return capabilities;
}

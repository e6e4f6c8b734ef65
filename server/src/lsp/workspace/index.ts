/**
 * Requests the VS Code client makes about the workspace rather than one open document: the
 * certificates of every inventory, a lint of files that are not open, the incident report, the
 * resolved settings, and where a new timeline entry goes. One file per request; answers come from the core, nothing
 * here decides what a finding or an expiry is. Names and types: contract/src/requests.ts.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from '../session';
import type { WorkspaceContext } from './fileAnalyses';
import { registerIncidentReport } from './incidentReport';
import { registerInventoryEntries } from './inventoryEntries';
import { registerLintFiles } from './lintFiles';
import { registerSettingsRequest } from './settingsRequest';
import { registerSkeletonRequest } from './skeletonRequest';
import { registerTimelineAt } from './timelineAt';

export function registerWorkspaceRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  getSession: () => Session | undefined,
): void {
  const context: WorkspaceContext = {
    connection,
    documents,
    session: () => {
      const session = getSession();
      if (!session) throw new Error('not initialized');
      return session;
    },
  };
  registerIncidentReport(context);
  registerInventoryEntries(context);
  registerLintFiles(context);
  registerSettingsRequest(context);
  registerSkeletonRequest(context);
  registerTimelineAt(context);
}

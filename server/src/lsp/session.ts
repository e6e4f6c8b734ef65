import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analyses';
import { WorkspaceCertificates } from './certIndex';
import { clientFeatures, type ClientFeatures } from './clientFeatures';
import { ExpiryClock } from './expiryClock';
import { DependencyWatch } from './fileWatch';
import { readInitOptions } from './initOptions';
import { LiveStore } from './liveStore';
import { Logger } from './logger';
import { DocumentSettings } from './settings';
import { Validator } from './validation';
import { WorkspaceFolders } from './workspaceFolders';

/** Everything that exists from `initialize` on: what the client offered, and the services built on it. */
export interface Session {
  features: ClientFeatures;
  logger: Logger;
  folders: WorkspaceFolders;
  settings: DocumentSettings;
  analyses: AnalysisCache;
  validator: Validator;
  /** Live probe results from "Check live" lenses, per document. */
  live: LiveStore;
  /** The server's "now": the clock, or the fixed time tests pass in initializationOptions. */
  clock: () => Date;
  /** "Now" for expiry, the same for every answer; says when the UTC day turns. */
  expiry: ExpiryClock;
  /** Markdown outlines hold only the timeline's entries: the editor outlines the headings (initOptions.ts). */
  outlineTimelineOnly: boolean;
  /** The workspace's cert-manager Certificates and inventory entries, for the cross-file cert/* rules. */
  certificates: WorkspaceCertificates;
  /** Templates, schemas and PEM files documents read: a change on disk analyses them again. */
  dependencies: DependencyWatch;
}

export function createSession(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  params: InitializeParams,
): Session {
  const features = clientFeatures(params.capabilities);
  const init = readInitOptions(params.initializationOptions);
  const logger = new Logger(connection);
  const folders = new WorkspaceFolders(params);
  const settings = new DocumentSettings(connection, features, folders, logger, init.settings);
  const fixedNow = init.now;
  const live = new LiveStore();
  const clock = fixedNow ? () => new Date(fixedNow) : () => new Date();
  const expiry = new ExpiryClock(clock, fixedNow !== undefined);
  const certificates = new WorkspaceCertificates(connection, documents);
  const analyses = new AnalysisCache(settings, () => expiry.now(), live, (uri) => documents.get(uri), init.lintBudgetMs, certificates, (uri) =>
    logger.info(`${uri}: opened as the workspace read just parsed it; that parse is re-used`),
  );
  const validator = new Validator(connection, documents, analyses, features, logger);
  return {
    features, logger, folders, settings, analyses, validator, live, clock, expiry,
    outlineTimelineOnly: init.outlineTimelineOnly,
    certificates,
    dependencies: new DependencyWatch(connection, features, logger),
  };
}

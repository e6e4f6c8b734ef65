import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeLensesNearRequest, ExpiryDayChangedNotification, type LineSpan } from '../../../contract/src/requests';
import { CONFIG_FILE_NAME } from '../core/workspace/configFile';
import type { DocumentAnalysis } from './analyses';
import { serverCapabilities } from './capabilities';
import { codeActions } from './codeActions';
import { codeLenses, codeLensesNear, lensUri, resolveCodeLens } from './codeLens';
import { completion } from './completion';
import { Commands } from './commandRegistry';
import { registerCommands } from './commands';
import { hover } from './hover';
import { SETTINGS_SECTION, settingsFromPush } from './initOptions';
import { documentLinks } from './links';
import { createSession, type Session } from './session';
import { perAnalysis } from './perAnalysis';
import { documentOutline } from './symbols';
import { uriToPath } from './uri';
import { registerWorkspaceRequests } from './workspace';

const SERVER_NAME = 'incident-docs';

/** What the process that starts the server (dist/server.js) hears about. */
export interface ServerHooks {
  /** Once, after the first diagnostics are sent: the work a session starts with has run (serverLauncher.ts saves its code cache then). */
  afterFirstDiagnostics?: () => void;
}

/** Wires the protocol to the services; no lint logic lives here. */
export function startServer(connection: Connection, hooks: ServerHooks = {}): void {
  const documents = new TextDocuments(TextDocument);
  const commands = new Commands();
  registerCommands(commands);
  let session: Session | undefined;
  const currentSession = () => session;

  connection.onInitialize((params) => {
    session = createSession(connection, documents, params);
    return {
      capabilities: serverCapabilities(session.features, commands.ids),
      serverInfo: { name: SERVER_NAME },
    };
  });
  connection.onInitialized(() => {
    if (!session) return;
    registerDynamicCapabilities(connection, session);
    const current = session;
    current.expiry.onNewDay(() => expiryDayChanged(connection, current));
    session.certificates.start(session);
    session.dependencies.start();
    const afterFirstDiagnostics = hooks.afterFirstDiagnostics;
    if (afterFirstDiagnostics) void session.validator.firstSent.then(afterFirstDiagnostics);
  });

  watchSettings(connection, currentSession);
  trackDocuments(documents, currentSession);
  registerDocumentRequests(connection, documents, currentSession);
  connection.onExecuteCommand((params) => {
    if (!session) throw new Error('not initialized');
    return commands.execute(params, { session, documents, connection });
  });
  registerWorkspaceRequests(connection, documents, currentSession);

  documents.listen(connection);
  connection.listen();
}

/** What was computed under the old settings is stale: analyse and publish every open document again. */
function settingsChanged(session: Session | undefined): void {
  if (session) analyseOpenDocumentsAgain(session);
  session?.certificates.rebuild();
}

/** A file the analyses read changed (a template, a schema, a PEM file): their documents did not. */
function analyseOpenDocumentsAgain(session: Session): void {
  session.analyses.invalidateAll();
  session.validator.scheduleAll();
}

/**
 * Every day count changed: diagnostics are computed and published again, lenses asked for again,
 * and the client told, so its Certificates view and status bar count from the same day.
 */
function expiryDayChanged(connection: Connection, session: Session): void {
  settingsChanged(session);
  if (session.features.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  void connection.sendNotification(ExpiryDayChangedNotification, { now: session.expiry.now().toISOString() });
}

/** Registers only what the client said it can register dynamically. */
function registerDynamicCapabilities(connection: Connection, session: Session): void {
  const { features } = session;
  if (features.configurationChangeRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  if (features.watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
    });
  }
  if (features.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      session.folders.update(event);
      settingsChanged(session);
    });
  }
}

/** Settings pushed by the client and `.incident-docs.yaml` files changed on disk. */
function watchSettings(connection: Connection, currentSession: () => Session | undefined): void {
  connection.onDidChangeConfiguration((params) => {
    currentSession()?.settings.changed(settingsFromPush(params?.settings));
    settingsChanged(currentSession());
  });
  connection.onDidChangeWatchedFiles((params) => {
    const configChanged = (params?.changes ?? []).some((change) => {
      const filePath = uriToPath(change.uri);
      return filePath !== undefined && path.basename(filePath) === CONFIG_FILE_NAME;
    });
    const session = currentSession();
    if (configChanged) settingsChanged(session);
    else if (session?.dependencies.concerns(params?.changes ?? [])) analyseOpenDocumentsAgain(session);
    session?.certificates.filesChanged(params?.changes ?? []);
  });
}

/** Open documents: validated as they change, and everything kept about one dropped when it closes. */
function trackDocuments(documents: TextDocuments<TextDocument>, currentSession: () => Session | undefined): void {
  // An open starts a document afresh, its versions from 1 again: what is cached under its URI is of
  // another document (VS Code reuses untitled names; the client may send the close of the one
  // before after this open), and its version 1 must not pass for this one's.
  documents.onDidOpen(({ document }) => currentSession()?.analyses.delete(document.uri));
  // Fires on open too (after onDidOpen); the validator checks a newly opened document at once and debounces edits.
  documents.onDidChangeContent(({ document }) => currentSession()?.validator.schedule(document.uri));
  documents.onDidClose(({ document }) => {
    const session = currentSession();
    session?.validator.closed(document.uri);
    session?.analyses.delete(document.uri);
    session?.settings.forget(document.uri);
    session?.live.forget(document.uri);
    session?.certificates.closed(document.uri);
  });
}

/** The requests answered from one document's analysis: code actions, symbols, hovers, completions, lenses, links. */
function registerDocumentRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  currentSession: () => Session | undefined,
): void {
  /** Runs a request on the document's analysis; a missing document or a failure answers `fallback`. */
  async function withAnalysis<T>(
    uri: string,
    fallback: T,
    answer: (result: DocumentAnalysis, session: Session) => T | Promise<T>,
    /** 'parse': the answer needs no findings, so it need not wait for the lint (AnalysisCache.parsed). */
    needs: 'lint' | 'parse' = 'lint',
  ): Promise<T> {
    const document = documents.get(uri);
    const session = currentSession();
    if (!document || !session) return fallback;
    try {
      return await answer(await (needs === 'parse' ? session.analyses.parsed(document) : session.analyses.get(document)), session);
    } catch (e) {
      session.logger.error(`request for ${uri} failed`, e);
      return fallback;
    }
  }

  connection.onCodeAction((params) =>
    withAnalysis(params.textDocument.uri, [], (result, s) =>
      // Fix-all lints the fixed text again: in slices, given up once the document changes.
      codeActions(params, result, s.features, (steps) => s.analyses.runInSlices(steps, () => documents.get(params.textDocument.uri)?.version === result.version)),
    ),
  );
  connection.onDocumentSymbol((params) =>
    withAnalysis(params.textDocument.uri, [], (result, s) =>
      // The outline's kind is part of the key: a timeline-only answer is never served for a full one.
      perAnalysis(result, s.outlineTimelineOnly ? 'symbols:timeline' : 'symbols:all', () => {
        // 0: no limit (the setting's words).
        const limit = result.config.outlineMaxItems > 0 ? Math.floor(result.config.outlineMaxItems) : Infinity;
        const outline = documentOutline(params.textDocument.uri, result, s.features.symbols, s.outlineTimelineOnly, limit);
        if (outline.capped) s.logger.warnOnce(`The outline of ${params.textDocument.uri} is cut to its first ${limit} items (outlineMaxItems): larger outlines slow the editor at every keystroke.`);
        return outline.symbols;
      }),
    ),
  );
  connection.onHover((params) =>
    withAnalysis(params.textDocument.uri, null, (result, s) => hover(params.position, result, s.features.hoverMarkdown)),
  );
  connection.onCompletion((params) =>
    withAnalysis(params.textDocument.uri, [], (result, s) => completion(params.position, result, s.features.completion)),
  );
  connection.onCodeLens((params) => withAnalysis(params.textDocument.uri, [], (result) => codeLenses(result), 'parse'));
  connection.onRequest(CodeLensesNearRequest, async (params) => {
    const lines = Array.isArray(params.lines) ? params.lines : [];
    const visible = Array.isArray(params.visible) ? params.visible : [];
    const document = documents.get(params.textDocument.uri);
    // A large document just opened, asked about its first lines: its preview has their lenses.
    const session = currentSession();
    const early = document && (await session?.analyses.preview(document));
    if (early && lines.length > 0 && [...lines, ...visible].every((span) => isLineSpan(span) && span.end < early.throughLine)) {
      try {
        return { ...codeLensesNear(early.analysis, lines, 0, visible), partial: true };
      } catch (e) {
        // As any request: logged, and answered from the whole document's parse instead.
        session?.logger.error(`code lenses of ${params.textDocument.uri}'s first lines failed`, e);
      }
    }
    return withAnalysis(params.textDocument.uri, { lenses: [], total: 0 }, (result) => codeLensesNear(result, lines, typeof params.allUpTo === 'number' ? params.allUpTo : 0, visible), 'parse');
  });
  connection.onCodeLensResolve((lens) => {
    const uri = lensUri(lens);
    return uri ? withAnalysis(uri, lens, (result) => resolveCodeLens(lens, result), 'parse') : lens;
  });
  connection.onDocumentLinks((params) =>
    withAnalysis(params.textDocument.uri, [], (result, s) => documentLinks(result, s.features.linkTooltips)),
  );
}

function isLineSpan(span: unknown): span is LineSpan {
  return typeof (span as LineSpan | null)?.start === 'number' && typeof (span as LineSpan).end === 'number';
}

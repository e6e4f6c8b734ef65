/**
 * Files of the workspace analysed for a request: an open document as the editor holds it
 * (unsaved edits included), any other read from disk through core's workspace reader, so Scan
 * Workspace, the Certificates view and the CLI read a file the same way.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FilesParams } from '../../../../contract/src/requests';
import type { Analysis } from '../../core/lint';
import type { Finding } from '../../core/types';
import { expandPaths, isCandidateFile } from '../../core/workspace/expandPaths';
import { readDocumentFile } from '../../core/workspace/readFile';
import { AnalysisCancelled } from '../analyses';
import type { Session } from '../session';
import { pathToUri, uriToPath } from '../uri';

/** Files read at once: enough to hide disk latency, few enough not to starve the editor's requests. */
const READ_CONCURRENCY = 8;
/** How often a read of a closed file looks again whether the open documents' diagnostics are out. */
const HOLD_BACK_MS = 20;

export interface FileAnalysis {
  uri: string;
  analysis: Analysis;
  /** Findings, with the server's clock and any live results for an open document. */
  findings: () => Promise<Finding[]>;
  /** The "now" its findings count days from: an open document's analysis's, else the server's. */
  now: Date;
  /**
   * False once an open document has changed: its next version's parse may update this analysis's
   * model in place, so work on it in slices stops (and starts again from the new one).
   */
  current(): boolean;
  /** How long work on it in slices holds back (0: go on): while the open documents wait for their diagnostics. */
  holdBackMs(): number;
  /**
   * For a file that is not open: the caller is done with the analysis, which the file's open may
   * start from (AnalysisCache.offerUnopened). Nothing may use it after this call.
   */
  release?(): void;
  /** For a file that is not open: the caller is done with the analysis without offering it on. */
  finished?(): void;
}

export interface ReadOptions {
  /**
   * The caller calls `release` or `finished` once done with a file that is not open, and never its
   * `findings`: the file's open during the read may go on from the read's parse (readsInFlight.ts).
   */
  adoptable?: boolean;
}

/** What every workspace request handler gets: the connection, the open documents, the session. */
export interface WorkspaceContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  session(): Session;
}

export async function analyzeFile(
  context: WorkspaceContext,
  uri: string,
  cancelled: () => boolean = () => false,
  options: ReadOptions = {},
): Promise<FileAnalysis> {
  const session = context.session();
  const holdBackMs = () => (session.validator.busy() ? HOLD_BACK_MS : 0);
  const open = context.documents.get(uri);
  if (open) return asOpen(context, open, holdBackMs);
  const filePath = uriToPath(uri);
  if (!filePath) throw new Error('not a file: URI');
  // Only what could be a post-mortem or an inventory is read from disk, whatever a client asks for.
  if (!isCandidateFile(filePath)) throw new Error('not a Markdown or YAML file');
  const { config } = await session.settings.resolve(uri);
  const { text, truncated } = await readDocumentFile(filePath, config.maxFileSizeBytes);
  // Opened while it was read from disk: as the editor holds it, and parsed once (either the open
  // finds this read under way and goes on from it, or this read finds the open).
  const opened = context.documents.get(uri);
  if (opened) return asOpen(context, opened, holdBackMs);
  // In slices, as an open document, and after it: a large file on disk (the Certificates view's
  // read of an inventory at start-up) does not hold up the editor's requests or its diagnostics.
  const source = { uri, path: filePath, text, truncated, root: session.settings.rootFor(uri) };
  const unopened = await session.analyses.analyzeUnopened(source, config, cancelled, holdBackMs, options.adoptable);
  return { uri, ...unopened, holdBackMs };
}

/** An open document's analysis, as the editor holds it. */
async function asOpen(context: WorkspaceContext, open: TextDocument, holdBackMs: () => number): Promise<FileAnalysis> {
  const result = await context.session().analyses.get(open);
  const current = () => context.documents.get(open.uri)?.version === result.version;
  return { uri: open.uri, analysis: result.analysis, findings: async () => result.findings, now: result.now, current, holdBackMs };
}

/** The URIs a request names, else every candidate file of the client's workspace folders. */
export async function filesOf(context: WorkspaceContext, params: FilesParams | undefined): Promise<string[]> {
  if (Array.isArray(params?.uris)) return params.uris.filter((u): u is string => typeof u === 'string');
  const session = context.session();
  const first = [session.folders.firstUri()].filter((u): u is string => u !== undefined);
  // The client's current folders when it can tell (multi-root); else the one it started with.
  const folders = session.features.workspaceFolders
    ? await context.connection.workspace.getWorkspaceFolders().then((f) => (f ?? []).map((x) => x.uri), () => first)
    : first;
  const paths = folders.map(uriToPath).filter((p): p is string => p !== undefined);
  if (paths.length === 0) return [];
  const warn = (message: string) => session.logger.warnOnce(`scan: ${message}`);
  return (await expandPaths(paths, paths[0], { warn })).map(pathToUri);
}

/** Analyses every file, a few at a time, skipping the ones that cannot be read; stops when cancelled. */
export async function analyzeAll(
  context: WorkspaceContext,
  uris: string[],
  token: CancellationToken,
  each: (file: FileAnalysis) => void | Promise<void>,
  failed: (uri: string, message: string) => void,
  options: ReadOptions = {},
): Promise<void> {
  let next = 0;
  const cancelled = () => token.isCancellationRequested;
  const worker = async () => {
    while (next < uris.length && !cancelled()) {
      const uri = uris[next++];
      try {
        await each(await analyzeFile(context, uri, cancelled, options));
      } catch (e) {
        // Cancelled with the request: nobody reads the answer.
        if (e instanceof AnalysisCancelled) return;
        failed(uri, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
}

/**
 * Requests the VS Code client makes about the workspace rather than one open document: the
 * certificates of every inventory, a lint of files that are not open, the resolved settings, and
 * where a new timeline entry goes. Answers come from the core (analyze / lint); nothing here
 * decides what a finding or an expiry is. Names and types: contract/src/requests.ts.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../core/config';
import type { CertModel } from '../core/inventory/model';
import { certificateRows } from '../core/inventory/services';
import { analyze, kindsOf, lintAnalysis, type Analysis } from '../core/lint';
import type { PostmortemModel } from '../core/postmortem/model';
import { timelineInsertion } from '../core/postmortem/timelineInsertion';
import type { Finding } from '../core/types';
import { expandPaths, isCandidateFile } from '../core/workspace/expandPaths';
import { readDocumentFile } from '../core/workspace/readFile';
import { toDiagnostic } from './convert';
import {
  InventoryEntriesRequest,
  LintFilesRequest,
  SettingsRequest,
  TimelineAtRequest,
  type FilesParams,
  type InventoryCertificate,
  type InventoryEntriesResult,
  type LintFilesResult,
  type TimelineInsertion,
} from '../../../contract/src/requests';
import type { Session } from './session';
import { pathToUri, uriToPath } from './uri';

/** Files read at once: enough to hide disk latency, few enough not to starve the editor's requests. */
const READ_CONCURRENCY = 8;

interface FileAnalysis {
  uri: string;
  analysis: Analysis;
  /** Findings, with the server's clock and any live results for an open document. */
  findings: () => Finding[];
}

export function registerWorkspaceRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  getSession: () => Session | undefined,
): void {
  const ready = (): Session => {
    const session = getSession();
    if (!session) throw new Error('not initialized');
    return session;
  };

  /** An open document is read as the editor holds it (unsaved edits included); any other from disk. */
  async function analyzeFile(session: Session, uri: string): Promise<FileAnalysis> {
    const open = documents.get(uri);
    if (open) {
      const result = await session.analyses.get(open);
      return { uri, analysis: result.analysis, findings: () => result.findings };
    }
    const filePath = uriToPath(uri);
    if (!filePath) throw new Error('not a file: URI');
    // Only what could be a post-mortem or an inventory is read from disk, whatever a client asks for.
    if (!isCandidateFile(filePath)) throw new Error('not a Markdown or YAML file');
    const { config } = await session.settings.resolve(uri);
    // The same bounded read, BOM handling and root as the CLI and an opened document.
    const { text, truncated } = await readDocumentFile(filePath, config.maxFileSizeBytes);
    const analysis = analyze({ uri, path: filePath, text, truncated, root: session.settings.rootFor(uri) }, config);
    const now = session.clock();
    return { uri, analysis, findings: () => lintAnalysis(analysis, { now }) };
  }

  async function filesOf(session: Session, params: FilesParams | undefined): Promise<string[]> {
    if (Array.isArray(params?.uris)) return params.uris.filter((u): u is string => typeof u === 'string');
    const first = [session.folders.firstUri()].filter((u): u is string => u !== undefined);
    // The client's current folders when it can tell (multi-root); else the one it started with.
    const folders = session.features.workspaceFolders
      ? await connection.workspace.getWorkspaceFolders().then((f) => (f ?? []).map((x) => x.uri), () => first)
      : first;
    const paths = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    if (paths.length === 0) return [];
    const warn = (message: string) => session.logger.warnOnce(`scan: ${message}`);
    return (await expandPaths(paths, paths[0], { warn })).map(pathToUri);
  }

  /** Analyses every file, a few at a time, skipping the ones that cannot be read; stops when cancelled. */
  async function analyzeAll(
    session: Session,
    uris: string[],
    token: CancellationToken,
    each: (file: FileAnalysis) => void,
    failed: (uri: string, message: string) => void,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < uris.length && !token.isCancellationRequested) {
        const uri = uris[next++];
        try {
          each(await analyzeFile(session, uri));
        } catch (e) {
          failed(uri, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
  }

  connection.onRequest(InventoryEntriesRequest, async (params, token): Promise<InventoryEntriesResult> => {
    const session = ready();
    const uris = await filesOf(session, params);
    const byUri = new Map<string, InventoryCertificate[]>();
    const now = session.clock();
    await analyzeAll(
      session,
      uris,
      token,
      (file) => {
        const model = inventoryModel(file.analysis);
        if (model) byUri.set(file.uri, certificatesOf(file.uri, model, file.analysis.config, now));
      },
      (uri, message) => session.logger.warnOnce(`inventoryEntries: cannot read ${uri} (${message})`),
    );
    // Answer in the order asked, whatever order the reads finished in.
    const inventories = uris.filter((u) => byUri.has(u));
    return { certificates: inventories.flatMap((u) => byUri.get(u) ?? []), inventories, now: now.toISOString() };
  });

  connection.onRequest(LintFilesRequest, async (params, token): Promise<LintFilesResult> => {
    const session = ready();
    const uris = await filesOf(session, params);
    const linted = new Map<string, LintFilesResult['files'][number]>();
    const errors: LintFilesResult['errors'] = [];
    await analyzeAll(
      session,
      uris,
      token,
      (file) => {
        const kinds = kindsOf(file.analysis);
        if (kinds.length === 0 && file.analysis.documentFindings.length === 0) return;
        const diagnostics = file
          .findings()
          .map((finding, index) => toDiagnostic(finding, file.uri, { version: -1, index }, session.features.diagnostics));
        linted.set(file.uri, { uri: file.uri, kinds, diagnostics });
      },
      (uri, message) => errors.push({ uri, message }),
    );
    return { files: uris.filter((u) => linted.has(u)).map((u) => linted.get(u)!), errors };
  });

  connection.onRequest(SettingsRequest, async (params): Promise<Config> => {
    const session = ready();
    const uri = params?.uri ?? session.folders.firstUri() ?? 'file:///';
    return (await session.settings.resolve(uri)).config;
  });

  connection.onRequest(TimelineAtRequest, async (params): Promise<TimelineInsertion | null> => {
    const session = ready();
    const document = documents.get(params.uri);
    if (!document) return null;
    const { analysis } = await session.analyses.get(document);
    const model = analysis.parsed.find((p) => p.model.kind === 'postmortem')?.model as PostmortemModel | undefined;
    const insertion = model ? timelineInsertion(model, model.lines.offsetAt(params.position)) : null;
    if (!insertion) return null;
    const { line, ...rest } = insertion;
    return { ...rest, insertAt: { line, character: 0 } };
  });
}

function inventoryModel(analysis: Analysis): CertModel | undefined {
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  return model?.inventory ? model : undefined;
}

function certificatesOf(uri: string, model: CertModel, config: Config, now: Date): InventoryCertificate[] {
  return certificateRows(model, config, now).map(({ expires, span, anchor, ...row }) => ({
    uri,
    ...row,
    expires: expires?.toISOString(),
    range: model.lines.rangeOf(span),
    selectionRange: model.lines.rangeOf(anchor),
  }));
}

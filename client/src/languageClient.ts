import * as path from 'node:path';
import { extensions, ProgressLocation, window, workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ProvideDocumentSymbolsSignature,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../contract/src/nodeFlags';
import { LIVE_COMMANDS } from '../../contract/src/commandIds';
import { InventoryEntriesRequest } from '../../contract/src/requests';
import { withoutRelatedInformation } from './codeActions/lightContext';
import { NearbyLenses } from './lenses/nearbyLenses';
import { OnePerVersion } from './symbols/onePerVersion';
import { confirmConnection } from './trust';

const CLIENT_ID = 'incidentDocs';
/** VS Code's own Markdown support, which outlines (and breadcrumbs) a document's headings. */
const BUILT_IN_MARKDOWN = 'vscode.markdown-language-features';
const CLIENT_NAME = 'Incident Docs';
/** The folder of the extension's global storage where the server keeps its code cache. */
const SERVER_CODE_CACHE = 'server-code-cache';

/** The language server (dist/server.js) over IPC for Markdown and YAML documents. */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server runs in VS Code's own Node, which refuses the build's V8 code cache: it keeps its
  // own here, written on its first start (server/src/serverLauncher.ts).
  const args = [`--code-cache-dir=${path.join(context.globalStorageUri.fsPath, SERVER_CODE_CACHE)}`];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const configWatcher = workspace.createFileSystemWatcher('**/.incident-docs.yaml');
  const outputChannel = window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(configWatcher, outputChannel);
  let client: LanguageClient | undefined;
  const lenses = new NearbyLenses(() => client);
  context.subscriptions.push(lenses);
  const symbols = new OnePerVersion<Awaited<ReturnType<ProvideDocumentSymbolsSignature>>>();
  context.subscriptions.push(workspace.onDidCloseTextDocument((d) => symbols.forget(d.uri.toString())));
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['markdown', 'yaml'].flatMap((language) =>
      ['file', 'untitled'].map((scheme) => ({ language, scheme })),
    ),
    // Settings are pulled by the server per document (section `incidentDocs`), which also registers
    // for their change notifications; pushing them from here (configurationSection) is deprecated.
    synchronize: { fileEvents: configWatcher },
    // Where VS Code outlines Markdown headings itself, the server adds only the timeline's entries:
    // two trees of the same headings in the Outline and the breadcrumbs helped nobody.
    initializationOptions: { incidentDocs: { outlineTimelineOnly: extensions.getExtension(BUILT_IN_MARKDOWN) !== undefined } },
    outputChannel,
    middleware: {
      ...liveCheckMiddleware(() => client),
      ...lenses.middleware,
      provideCodeActions: (document, range, context, token, next) => next(document, range, withoutRelatedInformation(context), token),
      provideDocumentSymbols: (document, token, next) => symbols.get(document.uri.toString(), document.version, async () => next(document, token)),
      workspace: { didChangeConfiguration: changesOnly() },
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}

/**
 * Passes on settings changes, not the settings the client sends when the server registers for
 * their changes: the server pulls its settings (workspace/configuration) for each document, and
 * took that first push for a change, analysing every open document a second time at start-up.
 */
function changesOnly(): NonNullable<NonNullable<Middleware['workspace']>['didChangeConfiguration']> {
  let registered = false;
  return async (sections, next) => {
    if (!registered) {
      registered = true;
      return;
    }
    return next(sections);
  };
}

/**
 * The "Check live" lens (and any other caller of the server's live commands through VS Code's
 * command registry) connects only after the untrusted-workspace question, and shows progress.
 */
function liveCheckMiddleware(getClient: () => LanguageClient | undefined): Middleware {
  const live: readonly string[] = Object.values(LIVE_COMMANDS);
  return {
    executeCommand: async (command, args, next) => {
      if (!live.includes(command)) return next(command, args);
      const target = await describeTarget(getClient(), command, args[0]);
      if (!(await confirmConnection(target))) return undefined;
      return window.withProgress({ location: ProgressLocation.Notification, title: `Checking ${target}…` }, () =>
        Promise.resolve(next(command, args)),
      );
    },
  };
}

/** "api.example.com, www.example.com" for a lens's `{uri, entry}`; the host for a direct check. */
async function describeTarget(client: LanguageClient | undefined, command: string, arg: unknown): Promise<string> {
  if (typeof arg === 'string') return arg;
  const value = (arg ?? {}) as { host?: unknown; uri?: unknown; entry?: unknown };
  if (command === LIVE_COMMANDS.checkLiveCert && typeof value.host === 'string') return value.host;
  if (client && typeof value.uri === 'string' && typeof value.entry === 'number') {
    try {
      const { certificates } = await client.sendRequest(InventoryEntriesRequest, { uris: [value.uri] });
      const hosts = certificates.find((c) => c.index === value.entry)?.hosts ?? [];
      if (hosts.length > 0) return hosts.join(', ');
    } catch {
      // Fall through to a generic description: the question must still be asked.
    }
  }
  return 'the hosts of this entry';
}

/**
 * A small LSP client for tests: spawns the real server (`node dist/server.js --stdio`) and talks
 * JSON-RPC to it, announcing exactly the capabilities a test chooses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationParams,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolKind,
  type TextEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PREVIEW_LOG } from '../../server/src/lsp/validation';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
/** How long a wait for the server may take before it counts as never (it bounds failures only). */
const WAIT_MS = 30_000;

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolders?: WorkspaceFolder[] | null;
  rootUri?: string | null;
  /** Answers `workspace/configuration`, one value per item (a promise to answer later). Without it the client answers null. */
  configuration?: (params: ConfigurationParams) => unknown[] | Promise<unknown[]>;
  /** Command-line arguments of the server; `--stdio` unless a test says otherwise. */
  serverArgs?: string[];
  /** Node flags before the server script (the bench passes the editor's SERVER_NODE_FLAGS). */
  nodeArgs?: readonly string[];
  /** Environment variables of the server, over this process's. */
  env?: Record<string, string>;
}

/** Capabilities of a capable editor (what VS Code announces for the features this server uses). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true },
    executeCommand: { dynamicRegistration: false },
  },
  window: { showDocument: { support: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], insertTextModeSupport: { valueSet: [1, 2] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind) } },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    codeLens: {},
    documentLink: { tooltipSupport: true },
  },
};

export interface DiagnosticsWait {
  /** Only a publish for this document version (the client must announce versionSupport for the server to send it). */
  version?: number;
  /** Only a publish received after this mark (see `mark`). */
  after?: number;
  /** Only a publish for which this holds. */
  where?: (params: PublishDiagnosticsParams) => boolean;
  /**
   * A large document's first lines, published before the whole document's diagnostics of the same
   * version (the server logs it first: PREVIEW_LOG), count too. Without it only the whole's do.
   */
  preview?: boolean;
  timeoutMs?: number;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  /** The publishes the server announced as a preview of a document's first lines. */
  readonly previews = new WeakSet<PublishDiagnosticsParams>();
  private readonly previewAnnounced = new Set<string>();
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** `window/showDocument` requests from the server, each answered as shown. */
  readonly shownDocuments: { uri: string; external?: boolean }[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    private readonly process: ChildProcess,
    readonly connection: MessageConnection,
    private readonly options: StartOptions,
  ) {}

  initializeResult!: InitializeResult;

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, ...(options.serverArgs ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => {
      client.stderr += chunk.toString();
      client.wake();
    });
    client.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (this.previewAnnounced.delete(params.uri)) this.previews.add(params);
      this.published.push(params);
      this.wake();
    });
    c.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      const announced = params.message.indexOf(`: ${PREVIEW_LOG} `);
      if (announced > 0) this.previewAnnounced.add(params.message.slice(0, announced));
      this.wake();
    });
    c.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    c.onRequest('window/showDocument', (params: { uri: string; external?: boolean }) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    c.onRequest('workspace/configuration', async (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      const answer: unknown[] = (await this.options.configuration?.(params)) ?? params.items.map(() => null);
      return answer as null[];
    });
    c.listen();
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full change is valid under incremental sync too). */
  replace(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** A mark in the stream of published diagnostics; wait for publishes `after` it. */
  mark(): number {
    return this.published.length;
  }

  async waitForDiagnostics(uri: string, wait: DiagnosticsWait = {}): Promise<PublishDiagnosticsParams> {
    const found = () =>
      this.published
        .slice(wait.after ?? 0)
        .filter((p) => p.uri === uri && (wait.version === undefined || p.version === wait.version) && (wait.preview || !this.previews.has(p)))
        .filter((p) => !wait.where || wait.where(p))
        .at(-1);
    return this.until(found, wait.timeoutMs, () => {
      const seen = this.published.map((p) => `${p.uri}@${p.version}: ${p.diagnostics.length}`).join('\n  ');
      return `no diagnostics for ${uri} (${JSON.stringify(wait)}) in time; received:\n  ${seen}\nserver stderr: ${this.stderr}`;
    });
  }

  /** Waits until the server has logged a line that `matches` (received after the `after`-th line). */
  waitForLog(matches: (line: string) => boolean, after = 0, timeoutMs?: number): Promise<string> {
    return this.until(() => this.logs.slice(after).find(matches), timeoutMs, () => `the server logged no such line; it logged:\n  ${this.logs.join('\n  ')}`);
  }

  /** Waits until the server has registered `method` dynamically (registration follows `initialized`). */
  waitForRegistration(method: string, timeoutMs?: number): Promise<{ method: string; registerOptions?: unknown }> {
    return this.until(() => this.registrations.find((r) => r.method === method), timeoutMs, () => `the server did not register ${method}`);
  }

  /** Waits for a registration of a file watcher with this glob pattern (a string or a RelativePattern), compared as JSON. */
  waitForWatcher(globPattern: unknown, timeoutMs?: number): Promise<unknown> {
    const wanted = JSON.stringify(globPattern);
    const patterns = () =>
      this.registrations
        .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
        .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
    return this.until(() => patterns().find((p) => JSON.stringify(p) === wanted), timeoutMs, () => `no watcher for ${wanted}: ${JSON.stringify(patterns())}`);
  }

  /**
   * `probe`'s value once it has one, checked now and after each message that may change it; the
   * deadline (generous: a loaded 2-core machine) only bounds a failure.
   */
  private async until<T>(probe: () => T | undefined, timeoutMs = WAIT_MS, failure: () => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(failure());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** What the server wrote to stderr so far. */
  get serverStderr(): string {
    return this.stderr;
  }

  /** Resolves once the server's stderr holds `text`; rejects after `timeoutMs` with what it holds. */
  async waitForStderr(text: string, timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes(text)) {
      if (Date.now() > deadline) throw new Error(`the server did not write "${text}" to stderr in time; it wrote:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    const timer = setTimeout(() => this.process.kill(), 2_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** The text after applying LSP edits, as an editor would. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 0, text), edits);
}

/** The text a range covers (UTF-16 positions, any line breaks). */
export function textAt(text: string, range: Range): string {
  const document = TextDocument.create('file:///x', 'markdown', 0, text);
  return document.getText(range);
}

/**
 * The VS Code side is wiring only: start the language server (dist/server.js) over IPC for Markdown
 * and YAML documents, and tell it when an `.incident-docs.yaml` changes. Everything else — which
 * documents are post-mortems or inventories, settings, fixes — is decided by the server.
 */
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const CLIENT_ID = 'incidentDocs';
const CLIENT_NAME = 'Incident Docs';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const configWatcher = workspace.createFileSystemWatcher('**/.incident-docs.yaml');
  const outputChannel = window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(configWatcher, outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['markdown', 'yaml'].flatMap((language) =>
      ['file', 'untitled'].map((scheme) => ({ language, scheme })),
    ),
    // Settings are pulled by the server per document (section `incidentDocs`), which also registers
    // for their change notifications; pushing them from here (configurationSection) is deprecated.
    synchronize: { fileEvents: configWatcher },
    outputChannel,
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

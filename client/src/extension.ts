/**
 * The VS Code side is wiring only: start the language server and hang the editor features on it.
 * Which documents are post-mortems or inventories, settings, expiry, fixes and probes are decided
 * by the server; the features ask it (custom requests in contract/src/requests.ts).
 */
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CertificateIndex } from './certificates/certificateIndex';
import { registerClientCommands } from './commands/register';
import { createLanguageClient } from './languageClient';
import { registerCertificatesView } from './views/certificatesView';
import { registerStatusBar } from './views/statusBar';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  await client.start();
  const index = new CertificateIndex(client);
  context.subscriptions.push(
    index,
    ...registerCertificatesView(index),
    ...registerStatusBar(index),
    ...registerClientCommands(context, client, index),
  );
  // First read in the background: activation must not wait for a workspace walk.
  index.refreshSoon();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

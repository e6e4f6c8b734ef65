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
let started: Promise<void> = Promise.resolve();

/**
 * Activation registers and returns: the server starts in the background (requests wait for it),
 * so nothing else the editor activates waits for a process to start and initialize.
 */
export function activate(context: ExtensionContext): void {
  client = createLanguageClient(context);
  const index = new CertificateIndex(client);
  context.subscriptions.push(
    index,
    ...registerCertificatesView(index),
    ...registerStatusBar(index),
    ...registerClientCommands(context, client, index),
  );
  // The language client reports a server that fails to start in its output channel and a message.
  started = client.start();
  started.catch(() => undefined);
  // First read in the background: activation must not wait for a workspace walk.
  index.refreshSoon();
}

/** Settles once the language server has started (or failed to): entry.ts saves its code cache then. */
export function serverStarted(): Promise<void> {
  return started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * P5's floor: the smallest extension built on vscode-languageclient, one language client over IPC
 * started at activation, built like ours (activation.ts). Whatever an LSP extension adds, its
 * activation cannot cost less than loading this.
 */
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

export function activate(context: { asAbsolutePath(relativePath: string): string }): void {
  const module = context.asAbsolutePath('dist/server.js');
  const server = { module, transport: TransportKind.ipc };
  const client = new LanguageClient('bareClient', 'Bare client', { run: server, debug: server }, { documentSelector: [{ language: 'markdown' }] });
  void client.start().catch(() => undefined);
}

import { window, workspace } from 'vscode';

/**
 * In an untrusted workspace the inventory (and so the host a lens points at) may come from anyone:
 * ask before connecting to it. In a trusted workspace the user's click is the consent.
 */
export async function confirmConnection(target: string): Promise<boolean> {
  if (workspace.isTrusted) return true;
  const connect = 'Connect';
  const answer = await window.showWarningMessage(
    `This workspace is not trusted. Connect to ${target} to check its certificate?`,
    { modal: true, detail: 'A live check opens a TLS connection from your machine to the host named in the file.' },
    connect,
  );
  return answer === connect;
}

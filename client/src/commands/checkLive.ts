import { ProgressLocation, window, type TextEditor } from 'vscode';
import { ExecuteCommandRequest, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { formatHostPort, parseHostPort } from '../../../contract/src/hostPort';
import type { ProbeOutcome } from '../../../contract/src/probeOutcome';
import type { StartTlsProtocol } from '../../../contract/src/tlsScheme';
import { LIVE_COMMANDS } from '../../../contract/src/commandIds';
import { InventoryEntriesRequest, SettingsRequest, type InventoryCertificate } from '../../../contract/src/requests';
import { hostFromSelection } from '../live/hostFromSelection';
import { showProbeResult } from '../live/resultPanel';
import { confirmConnection } from '../trust';

/** What "Check Live Certificate…" accepts: nothing (ask), "host[:port]", `{host, port?, servername?, uri?}`, or an inventory entry. */
export type CheckLiveArgument = string | { host: string; port?: number; servername?: string; uri?: string } | InventoryCertificate | undefined;

interface Target {
  host: string;
  port: number;
  /** The dialogue before TLS a scheme asked for (`smtp://…`). */
  starttls?: StartTlsProtocol;
  servername?: string;
  /** The document whose settings apply (extraCaFiles, warnDays). */
  uri?: string;
  /** The entry's own warn window, when the check started from one. */
  warnDays?: number;
}

export async function checkLiveCertificate(client: LanguageClient, arg: CheckLiveArgument): Promise<void> {
  let target: Target | undefined;
  try {
    target = await resolveTarget(client, arg);
  } catch (e) {
    void window.showErrorMessage(`Check Live Certificate: ${(e as Error).message}`);
    return;
  }
  if (!target) return;
  const label = `${target.starttls ? `${target.starttls}://` : ''}${formatHostPort(target.host, target.port)}`;
  if (!(await confirmConnection(label))) return;
  const outcome = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Checking the certificate of ${label}…`, cancellable: true },
    async (_progress, token) => {
      try {
        return await client.sendRequest(
          ExecuteCommandRequest.type,
          { command: LIVE_COMMANDS.checkLiveCert, arguments: [{ host: target.host, port: target.port, starttls: target.starttls, servername: target.servername, uri: target.uri }] },
          token,
        ) as ProbeOutcome | null;
      } catch (e) {
        if (token.isCancellationRequested) return null;
        void window.showErrorMessage(`Live check of ${label} failed: ${e instanceof ResponseError ? e.message : String(e)}`);
        return null;
      }
    },
  );
  if (!outcome) return;
  const warnDays = target.warnDays ?? (await client.sendRequest(SettingsRequest, { uri: target.uri })).warnDays;
  showProbeResult({ target: label, outcome, warnDays, again: () => void checkLiveCertificate(client, { ...target }) });
}

async function resolveTarget(client: LanguageClient, arg: CheckLiveArgument): Promise<Target | undefined> {
  if (arg && typeof arg === 'object' && 'hosts' in arg) return fromEntry(arg);
  if (arg && typeof arg === 'object') return { ...parseHostPort(arg.host, arg.port), servername: arg.servername, uri: arg.uri };
  const editor = window.activeTextEditor;
  const typed = await window.showInputBox({
    title: 'Check Live Certificate',
    prompt: 'host[:port] to connect to (port 443 when omitted), or scheme://host[:port] such as smtp://mail.example.com:587',
    placeHolder: 'api.example.com:443',
    value: typeof arg === 'string' ? arg : await prefill(client, editor),
    ignoreFocusOut: true,
    validateInput: (text) => {
      try {
        parseHostPort(text);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (!typed) return undefined;
  const uri = editor?.document.uri.scheme === 'file' ? editor.document.uri.toString() : undefined;
  return { ...parseHostPort(typed), uri };
}

/** An entry with several hosts asks which one. */
async function fromEntry(entry: InventoryCertificate): Promise<Target | undefined> {
  const host = entry.hosts.length > 1 ? await window.showQuickPick(entry.hosts, { title: `Check which host of ${entry.name}?` }) : entry.hosts[0];
  if (!host) {
    if (entry.hosts.length === 0) void window.showInformationMessage(`${entry.name} lists no hosts to check.`);
    return undefined;
  }
  return { ...parseHostPort(host), uri: entry.uri, warnDays: entry.warnDays };
}

/** The selection when it looks like a host, else the first host of the inventory entry under the cursor. */
async function prefill(client: LanguageClient, editor: TextEditor | undefined): Promise<string> {
  if (!editor) return '';
  const selected = hostFromSelection(editor.document.getText(editor.selection));
  if (selected) return selected;
  if (editor.document.languageId !== 'yaml') return '';
  try {
    const { certificates } = await client.sendRequest(InventoryEntriesRequest, { uris: [editor.document.uri.toString()] });
    const line = editor.selection.active.line;
    const entry = certificates.find((c) => c.range.start.line <= line && line <= c.range.end.line);
    return entry?.hosts[0] ?? '';
  } catch {
    return '';
  }
}

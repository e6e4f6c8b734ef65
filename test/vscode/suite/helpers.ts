/** Helpers for tests inside the extension host: the workspace, waiting on conditions, diagnostics. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'incident-docs.incident-docs';
export const SEED = '3scale-cert-expiry-postmortem.md';
const DAY_MS = 86_400_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (the runner opens one)');
  return folder.uri.fsPath;
}

/**
 * How long a wait may take before it counts as never: it bounds a failure only, a passing wait
 * ends as soon as its state holds. Generous, for a cold 2-core CI machine running other suites.
 */
export const WAIT_MS = 60_000;

/** Polls until `probe` returns a value other than undefined/false; the message says what never happened. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Diagnostics from the language server (not from other extensions). */
export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d)?.includes('/'));
}

/** The document version a diagnostic was computed for: the server puts it in `data` (the client keeps it). */
export function versionOf(d: vscode.Diagnostic): number | undefined {
  const data = (d as { data?: { version?: unknown } }).data;
  return typeof data?.version === 'number' ? data.version : undefined;
}

/**
 * Waits until the server's diagnostics are for the document as it is now (its current version:
 * never a list left from before an edit, a revert or a settings change) and `ready` holds.
 * Woken by diagnostics and document changes; the deadline only bounds a failure.
 */
export async function waitForDiagnostics(document: vscode.TextDocument, ready: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = WAIT_MS): Promise<vscode.Diagnostic[]> {
  const current = () => {
    const ds = diagnosticsOf(document.uri);
    return ds.every((d) => versionOf(d) === document.version) && ready(ds) ? ds : undefined;
  };
  const seen = () => {
    const ds = diagnosticsOf(document.uri);
    return `document version ${document.version}; diagnostics: ${ds.map((d) => `${codeOf(d)}@v${versionOf(d)}`).join(', ') || 'none'}`;
  };
  return until(current, [vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeTextDocument], what, timeoutMs, seen);
}

/** `promise`, or a rejection naming `what` once `timeoutMs` has passed without it settling. */
export function within<T>(promise: Thenable<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([Promise.resolve(promise), deadline]).finally(() => clearTimeout(timer));
}

/** Resolves with `probe`'s first defined value, checked now and after each of `events`; rejects at the deadline. */
export function until<T>(probe: () => T | undefined, events: vscode.Event<unknown>[], what: string, timeoutMs = WAIT_MS, seen?: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      settle();
    };
    const check = () => {
      try {
        const value = probe();
        if (value !== undefined) finish(() => resolve(value));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? ` (${seen()})` : ''}`))), timeoutMs);
    for (const event of events) subscriptions.push(event(check));
    check();
  });
}

/** The seed post-mortem, copied into the workspace (tests edit it in memory only). */
export function seedFile(): vscode.Uri {
  const target = path.join(workspaceRoot(), 'postmortems', SEED);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(extension().extensionPath, 'test', 'fixtures', 'postmortems', SEED), target);
  return vscode.Uri.file(target);
}

export interface Inventory {
  uri: vscode.Uri;
  /** Expiry of the `billing` entry, 10.5 days from when the file was written. */
  billingExpires: Date;
  /** Expiry of the `api` entry, 200.5 days away. */
  apiExpires: Date;
}

const inventories = new Map<string, Inventory>();

/**
 * An inventory whose dates are relative to now: the server's clock is the clock VS Code runs with.
 * Written once per run, so no suite rewrites a file another suite's documents hold.
 */
export function inventoryFile(name = 'cert-inventory.yaml'): Inventory {
  const written = inventories.get(name);
  if (written) return written;
  const now = Date.now();
  const billingExpires = new Date(now + 10.5 * DAY_MS);
  const apiExpires = new Date(now + 200.5 * DAY_MS);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const target = path.join(workspaceRoot(), name);
  writeFileSync(
    target,
    [
      'certificates:',
      '  - name: api',
      '    hosts: [api.example.test:443]',
      '    owner: platform-team@example.com',
      `    expires: ${iso(apiExpires)}`,
      '  - name: billing',
      '    hosts: [billing.example.test]',
      '    owner: platform-team@example.com',
      '    notify: [jane.doe.oncall@gmail.com]',
      `    expires: ${iso(billingExpires)}`,
      '',
    ].join('\n'),
  );
  const inventory = { uri: vscode.Uri.file(target), billingExpires, apiExpires };
  inventories.set(name, inventory);
  return inventory;
}

/** "Expires in N days · YYYY-MM-DD" as the lens should say it, for each UTC day `now` may be in during the test. */
export function expectedExpiryTitles(expires: Date, nowCandidates: number[]): string[] {
  return nowCandidates.map((now) => {
    const days = Math.floor(expires.getTime() / DAY_MS) - Math.floor(now / DAY_MS);
    return `Expires in ${days} day${days === 1 ? '' : 's'} · ${expires.toISOString().slice(0, 10)}`;
  });
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

let untitledDocuments = 0;

/**
 * A new untitled document holding `content`, under a name no other document of the session had.
 * `openTextDocument({ content })` names it Untitled-N, the first number free: the name the previous
 * test's document gave back when it was reverted and closed, and VS Code may then fill the new
 * document from that document's backup instead of `content` (a 300-entry inventory was opened
 * holding the 1,203 entries of the test before, and got their 2,406 lenses).
 */
export async function untitledDocument(language: string, content: string): Promise<vscode.TextDocument> {
  untitledDocuments += 1;
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `incident-docs-test-${untitledDocuments}` });
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write ${uri.toString()}`);
  if (document.getText() !== content) throw new Error(`${uri.toString()} holds ${document.lineCount} lines, not the ${content.split('\n').length} written`);
  return document;
}

/** Replaces a `window` function for the duration of `body` (dialogs would wait for a user). */
export async function stubbing<K extends keyof typeof vscode.window, T>(name: K, fake: (typeof vscode.window)[K], body: () => Thenable<T>): Promise<T> {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w[name];
  w[name] = fake;
  try {
    return await body();
  } finally {
    w[name] = original;
  }
}

export function lineOf(document: vscode.TextDocument, needle: string): number {
  const index = document.getText().indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not in ${document.uri.fsPath}`);
  return document.positionAt(index).line;
}

/** Reverts what a test changed and closes every editor (a dirty editor would make closing ask). */
export async function closeEverything(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString());
  if (dirty.length > 0) throw new Error(`still unsaved after reverting: ${dirty.join(', ')}`);
}

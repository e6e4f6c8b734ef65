import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';

/** The seed post-mortem (test/fixtures keeps a copy of ../shared/seed so a fresh clone has it). */
export const SEED = readFileSync(path.join(__dirname, '..', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md'), 'utf8');

/** A fixed "now", so nothing depends on the day the tests run. */
export const NOW = '2026-11-27T12:00:00Z';

/** Settings every test starts from: no debounce wait, a fixed clock. */
export const FAST = { debounceMs: 0, now: NOW };

export function codes(params: PublishDiagnosticsParams | Diagnostic[]): string[] {
  const diagnostics = Array.isArray(params) ? params : params.diagnostics;
  return diagnostics.map((d) => String(d.code));
}

export function withRule(params: PublishDiagnosticsParams, rule: string): Diagnostic[] {
  return params.diagnostics.filter((d) => d.code === rule);
}

/** A URI the way VS Code writes it (every reserved character escaped). */
export function vscodeUri(filePath: string): string {
  return URI.file(filePath).toString();
}

/** A URI the way Neovim writes it: only what must be escaped is (spaces), `@` and `+` stay raw. */
export function neovimUri(filePath: string): string {
  return 'file://' + filePath.split('/').map((part) => part.replace(/%/g, '%25').replace(/ /g, '%20')).join('/');
}

export function tempDir(): { dir: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'incident-docs-lsp-')));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Position of the first occurrence of `needle` (UTF-16 character offsets, any line breaks). */
export function positionOf(text: string, needle: string, nth = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  }
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line: before.split(/\r\n|\r|\n/).length - 1, character: offset - lineStart };
}

export interface TempWorkspace {
  /** The workspace folder, inside the temp dir (the temp dir itself when absent). */
  folder?: string;
  name?: string;
  /** Editor settings on top of FAST. */
  settings?: Record<string, unknown>;
  /** Writes files before the server starts. */
  prepare?: () => void;
}

/**
 * Registers the suite's before/after: a server with one workspace folder in `temp`, started
 * after `prepare`, handed to `started`; stopped and the temp dir removed after the suite.
 */
export function serveTempWorkspace(temp: { dir: string; remove: () => void }, workspace: TempWorkspace, started: (client: LspTestClient) => void): void {
  let client: LspTestClient | undefined;
  before(async () => {
    workspace.prepare?.();
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(workspace.folder ?? temp.dir), name: workspace.name ?? 'ws' }],
      initializationOptions: { incidentDocs: { ...FAST, ...workspace.settings } },
    });
    started(client);
  });
  after(async () => {
    await client?.stop();
    temp.remove();
  });
}

import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';

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

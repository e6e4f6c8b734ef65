/** Where the VS Code harness finds its parts; scripts/vscode-setup.sh installs code-server at the same place. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** The repository root (this file is test/vscode/launcher/paths.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function codeServerDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return process.env.INCIDENT_DOCS_CODE_SERVER_DIR || path.join(cache, 'incident-docs', `code-server-${CODE_SERVER_VERSION}`);
}

/** code-server's entry script; throws with the fix when it is not installed. */
export function codeServerEntry(): string {
  const entry = path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${codeServerDir()}: run bash scripts/vscode-setup.sh`);
  }
  return entry;
}

export function chromiumPath(): string {
  const chromium = process.env.INCIDENT_DOCS_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`no Chromium at ${chromium}: apt-get install chromium (scripts/test-setup.sh does)`);
  return chromium;
}

/** The launcher @vscode/test-electron runs as `vscodeExecutablePath`. */
export const LAUNCHER = path.join(__dirname, 'code');

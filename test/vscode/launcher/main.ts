/**
 * Command line of the `code` launcher: takes the arguments @vscode/test-electron gives VS Code
 * (--extensionDevelopmentPath, --extensionTestsPath, --user-data-dir, --extensions-dir, a folder)
 * and runs the tests in code-server's workbench instead. Exits with the tests' exit code, prints
 * their output, and always takes code-server's whole process group down.
 *
 * INCIDENT_DOCS_VSCODE_TIMEOUT_MS bounds the run (default 8 minutes: it bounds a failure only); on failure a screenshot goes
 * to test-results/vscode/extension-tests-failure.png.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';
import { startWorkbench, withTimeout, type Workbench } from './workbench';

interface Parsed {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
  ignored: string[];
}

/** VS Code's own flags, `--name=value` or `--name value`; unknown flags are ignored (they are Electron's). */
export function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { extensionDevelopmentPaths: [], ignored: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      parsed.folder = path.resolve(arg);
      continue;
    }
    const [, name, inline] = match;
    if (!valued.has(name)) {
      parsed.ignored.push(arg);
      continue;
    }
    const value = path.resolve(inline ?? argv[++i] ?? '');
    if (name === 'extensionDevelopmentPath') parsed.extensionDevelopmentPaths.push(value);
    else if (name === 'extensionTestsPath') parsed.extensionTestsPath = value;
    else if (name === 'user-data-dir') parsed.userDataDir = value;
    else parsed.extensionsDir = value;
  }
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) {
    process.stderr.write('usage: code --extensionTestsPath=<compiled tests> [--extensionDevelopmentPath=<extension>]... [folder]\n');
    return 2;
  }
  const timeoutMs = Number(process.env.INCIDENT_DOCS_VSCODE_TIMEOUT_MS) || 480_000;
  const started = Date.now();
  let workbench: Workbench | undefined;
  const stop = async (code: number) => {
    await workbench?.close();
    process.exit(code);
  };
  // test-electron forwards Ctrl+C as SIGINT; CI may send SIGTERM.
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));
  try {
    workbench = await startWorkbench({
      folder: args.folder,
      extensionDevelopmentPaths: args.extensionDevelopmentPaths,
      extensionTestsPath: args.extensionTestsPath,
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
    });
    process.stdout.write(`[launcher] workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${workbench.url}\n`);
    const code = await withTimeout(workbench.exitCode, timeoutMs, 'extension tests');
    if (code !== 0) await failureReport(workbench);
    return code;
  } catch (error) {
    process.stderr.write(`[launcher] ${(error as Error).message}\n`);
    if (workbench) await failureReport(workbench);
    return 1;
  } finally {
    await workbench?.close();
  }
}

async function failureReport(workbench: Workbench): Promise<void> {
  const dir = path.join(REPO_ROOT, 'test-results', 'vscode');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'extension-tests-failure.png');
  await workbench.page.screenshot({ path: file, timeout: 10_000 }).then(
    () => process.stderr.write(`[launcher] screenshot: ${file}\n`),
    () => {},
  );
  process.stderr.write(`[launcher] code-server output (last 3000 characters):\n${workbench.serverOutput().slice(-3000)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`[launcher] ${String(error)}\n`);
    process.exit(1);
  },
);

/**
 * A real VS Code workbench for tests: code-server (VS Code 1.100.3's server and Node extension
 * host) on a free loopback port, in its own session and directories, opened in headless Debian
 * Chromium through playwright-core.
 *
 * code-server refuses --extensionTestsPath, but the workbench reads `developmentOptions`
 * (extensions under development, extensionTestsPath) from its web configuration, so the page's
 * HTML is patched on the way in. The workbench reports a test run's end through
 * `window.codeAutomationExit(code)` and its log through `window.codeAutomationLog(level, text)`,
 * which the page exposes here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, codeServerEntry } from './paths';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Settings that keep a test workbench quiet, offline and like desktop VS Code: no welcome page, no update or gallery checks, no auto save. */
const QUIET_SETTINGS: Record<string, unknown> = {
  // VS Code for the web (code-server) saves after 1 s by default, desktop VS Code never: a test
  // slower than that would write its in-memory edits to the workspace for the next test to read.
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'workbench.localHistory.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

/** sun_path holds 108 bytes on Linux, the terminating NUL included. */
const MAX_SOCKET_PATH = 107;

/**
 * Runs code-server as the leader of its process group and takes the group down when its stdin
 * closes, which happens however this process ends (even SIGKILL, where no exit handler runs).
 */
const GUARD = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
const killGroup = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} };
process.stdin.on('end', killGroup).on('error', killGroup).resume();
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

export interface WorkbenchOptions {
  /** Folder the window opens. */
  folder?: string;
  /** Extension folders loaded as "under development" (absolute paths). */
  extensionDevelopmentPaths?: string[];
  /** A compiled extension test module (absolute path); the workbench runs it and reports the exit code. */
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** User settings, over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Receives the workbench's automation log (the extension tests' output) and harness messages. */
  log?: (level: string, text: string) => void;
  /** How long code-server and the workbench may take to come up. */
  readyTimeoutMs?: number;
  viewport?: { width: number; height: number };
  /** Called with the page before it loads the workbench (a diagnostic's listeners, e.g. the page's WebSocket frames). */
  onPage?: (page: Page) => void;
}

export interface Workbench {
  page: Page;
  /** code-server's base URL, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** The code the workbench passed to codeAutomationExit (only when extensionTestsPath was given). */
  exitCode: Promise<number>;
  /** code-server's own output, for failure reports. */
  serverOutput(): string;
  /** code-server's process id, which is also its process group's (the extension host and language servers are in it). */
  processGroup: number;
  /** Closes the browser and kills code-server's whole process group; removes the temporary dirs. */
  close(): Promise<void>;
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const log = options.log ?? ((level, text) => (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`));
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  // Short names: code-server and Chromium put Unix sockets below this folder, and a socket path
  // has at most 107 bytes (the test runner's own TMPDIR already takes some).
  const root = mkdtempSync(path.join(tmpdir(), 'vscode-'));
  const dirs = {
    home: path.join(root, 'home'),
    userData: options.userDataDir ?? path.join(root, 'user-data'),
    extensions: options.extensionsDir ?? path.join(root, 'extensions'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    cache: path.join(root, 'xdg-cache'),
    state: path.join(root, 'xdg-state'),
    runtime: path.join(root, 'xdg-runtime'),
    tmp: path.join(root, 'tmp'),
  };
  // The longest socket path below: VS Code's vscode-ipc-<uuid>.sock in XDG_RUNTIME_DIR.
  const longestSocket = path.join(dirs.runtime, `vscode-ipc-${'0'.repeat(36)}.sock`);
  if (Buffer.byteLength(longestSocket) > MAX_SOCKET_PATH) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`the temporary folder ${tmpdir()} is too deep for Unix socket paths (${longestSocket} is over ${MAX_SOCKET_PATH} bytes): set TMPDIR to a shorter one`);
  }
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const configFile = path.join(root, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let closed = false;
  let output = '';
  const killGroup = (signal: NodeJS.Signals) => {
    if (server?.pid === undefined) return;
    try {
      process.kill(-server.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  // Whatever happens to this process, code-server's group must not outlive it.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  const close = async () => {
    if (closed) return;
    closed = true;
    await withTimeout(browser?.close() ?? Promise.resolve(), 10_000, 'closing Chromium').catch(() => {});
    killGroup('SIGTERM');
    const exited = server && server.exitCode === null && server.signalCode === null ? new Promise((r) => server!.once('exit', r)) : Promise.resolve();
    await withTimeout(exited, 5_000, 'code-server exit').catch(() => killGroup('SIGKILL'));
    killGroup('SIGKILL'); // children that ignored SIGTERM (extension host, language server)
    process.off('exit', onExit);
    if (!process.env.INCIDENT_DOCS_VSCODE_KEEP) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    // detached: a new session and process group (setsid), so one kill reaches the extension host,
    // the language server and anything they started.
    server = spawn(
      process.execPath,
      [
        '-e', GUARD,
        codeServerEntry(),
        '--config', configFile,
        '--bind-addr', '127.0.0.1:0',
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--disable-proxy',
        '--ignore-last-opened',
        '--locale', 'en',
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
      ],
      {
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: {
          ...process.env,
          HOME: dirs.home,
          XDG_CONFIG_HOME: dirs.config,
          XDG_DATA_HOME: dirs.data,
          XDG_CACHE_HOME: dirs.cache,
          XDG_STATE_HOME: dirs.state,
          XDG_RUNTIME_DIR: dirs.runtime,
          TMPDIR: dirs.tmp,
          // No marketplace: nothing to query, nothing to update.
          EXTENSIONS_GALLERY: '{}',
          // An outer VS Code's variables would make this one think it is nested.
          VSCODE_IPC_HOOK_CLI: '',
          ELECTRON_RUN_AS_NODE: '',
        },
      },
    );
    const url = await waitForListening(server, readyTimeoutMs, (chunk) => (output += chunk));

    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: false, // the flags below say headless; Playwright's own choice of mode needs its bundled shell
      args: CHROMIUM_ARGS,
      timeout: readyTimeoutMs,
      env: { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache },
    });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
    // Settles when the tests report, or fails at once when code-server or the page dies first
    // (instead of waiting for the caller's timeout).
    let settleExit!: { resolve: (code: number) => void; reject: (error: Error) => void };
    const exitCode = new Promise<number>((resolve, reject) => (settleExit = { resolve, reject }));
    exitCode.catch(() => {}); // callers that never await it (UI tests) must not see an unhandled rejection
    server.once('exit', (code, signal) => closed || settleExit.reject(new Error(`code-server exited (${code ?? signal}) during the run`)));
    browser.once('disconnected', () => closed || settleExit.reject(new Error('Chromium went away during the run')));
    await context.exposeFunction('codeAutomationExit', (code: number) => settleExit.resolve(Number(code)));
    // The workbench passes console-style arguments: a format string and its values.
    await context.exposeFunction('codeAutomationLog', (level: string, args: unknown) => log(String(level), Array.isArray(args) ? format(...args) : String(args)));
    await blockNonLoopback(context, url);
    await patchWorkbenchConfiguration(context, options);

    const page = await context.newPage();
    page.on('pageerror', (error) => log('error', `[page] ${error.message}`));
    page.on('crash', () => settleExit.reject(new Error('the workbench page crashed')));
    options.onPage?.(page);
    const target = new URL(url);
    if (options.folder) target.searchParams.set('folder', options.folder);
    await page.goto(target.toString(), { timeout: readyTimeoutMs });
    await page.locator('.monaco-workbench').waitFor({ timeout: readyTimeoutMs });
    return { page, url, exitCode, serverOutput: () => output, processGroup: server.pid!, close };
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output.slice(-4000)}`, { cause: error });
  }
}

/** Resolves with code-server's URL once it listens; rejects if it exits first or takes too long. */
function waitForListening(server: ChildProcess, timeoutMs: number, record: (chunk: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (data: Buffer) => {
      const chunk = data.toString();
      record(chunk);
      seen += chunk;
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('error', (error) => reject(error));
    server.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening`)));
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s`)), timeoutMs);
  });
}

/** Tests talk to loopback only: anything else the page asks for fails at once. */
async function blockNonLoopback(context: BrowserContext, base: string): Promise<void> {
  const origin = new URL(base).origin;
  await context.route(
    (url) => !['data:', 'blob:'].includes(url.protocol) && url.origin !== origin && !/^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
}

/**
 * Adds developmentOptions (extensions under development, extensionTestsPath) to the workbench's web
 * configuration, which it reads from a meta tag's attribute. Patched in the page rather than by
 * fulfilling the HTML: Chromium treats a fulfilled document as non-local and then blocks its
 * WebSocket to the loopback server (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
 */
async function patchWorkbenchConfiguration(context: BrowserContext, options: WorkbenchOptions): Promise<void> {
  const development = { extensions: options.extensionDevelopmentPaths ?? [], tests: options.extensionTestsPath ?? null };
  if (development.extensions.length === 0 && !development.tests) return;
  // A string, not a function: the TypeScript loader would add helpers the page does not have.
  await context.addInitScript(`(() => {
    const dev = ${JSON.stringify(development)};
    const getAttribute = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function (name) {
      const value = getAttribute.call(this, name);
      if (this.id !== 'vscode-workbench-web-configuration' || name !== 'data-settings' || !value) return value;
      const configuration = JSON.parse(value);
      // vscode-remote URIs on this page's server: the remote extension host loads them.
      const remote = (path) => ({ scheme: 'vscode-remote', authority: location.host, path });
      configuration.developmentOptions = {
        ...configuration.developmentOptions,
        extensions: dev.extensions.map(remote),
        ...(dev.tests ? { extensionTestsPath: remote(dev.tests) } : {}),
      };
      return JSON.stringify(configuration);
    };
  })();`);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The language server. Started by the VS Code client over IPC (`--node-ipc`), or by any LSP client
 * with `node dist/server.js --stdio` (stdio is also the default when no transport is named).
 */
import { format } from 'node:util';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framing';
import { startServer, type ServerHooks } from './server';

const OTHER_TRANSPORTS = ['--node-ipc', '--socket=', '--pipe=', '--socket', '--pipe'];
/** Exit code when the client's byte stream is not LSP: the client sees a crash and restarts the server. */
const BROKEN_STREAM_EXIT_CODE = 3;

/** Starts the server on the transport its command line names (programs.ts runServer). */
export function main(hooks: ServerHooks = {}): void {
  const otherTransport = process.argv.some((arg) => OTHER_TRANSPORTS.some((flag) => arg === flag || (flag.endsWith('=') && arg.startsWith(flag))));
  if (otherTransport) {
    startServer(createConnection(), hooks);
    return;
  }
  // stdio: every message's framing is checked first; a broken stream ends the server with its reason.
  const input = process.stdin.pipe(
    new FramingGuard((reason) => {
      process.stderr.write(`incident-docs-server: ${reason}; closing the connection\n`);
      process.exit(BROKEN_STREAM_EXIT_CODE);
    }),
  );
  const connection = createConnection(input, process.stdout);
  routeConsoleToClient(connection);
  startServer(connection, hooks);
}

/** stdout carries the protocol: console output goes to the client's log instead (as `--stdio` alone would do). */
function routeConsoleToClient(connection: Connection): void {
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = log;
  console.dir = (value: unknown) => log(value);
  console.table = (value: unknown) => log(value);
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

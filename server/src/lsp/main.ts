/**
 * The language server. Started by the VS Code client over IPC (`--node-ipc`), or by any LSP client
 * with `node dist/server.js --stdio` (stdio is also the default when no transport is named).
 */
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const namesTransport = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg.startsWith(flag)));

startServer(namesTransport ? createConnection() : createConnection(process.stdin, process.stdout));

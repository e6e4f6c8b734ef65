// Measures the extension's client-side activation in a fresh process: require(dist/extension.js)
// with a stub `vscode` module, then activate() (which loads dist/extension-main.js, with no code
// cache: a first start) until the language client forks the server.
// child_process.fork is replaced so no server starts: the figure is the client's own cost, not
// server start-up. Prints {"load": ms, "activate": ms}.
'use strict';
const Module = require('node:module');
const childProcess = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');

const extensionFile = process.argv[2];

// Any property, call or construction yields the stub again; a few values must be real.
const specific = {
  version: '1.91.0',
  workspaceFolders: undefined,
  then: undefined,
};
const stub = new Proxy(function vscodeStub() {}, {
  get(_target, prop) {
    if (prop === Symbol.toPrimitive) return () => '';
    if (prop === Symbol.iterator) return function* () {};
    if (typeof prop === 'string' && prop in specific) return specific[prop];
    return stub;
  },
  apply: () => stub,
  construct: () => stub,
  // activate() sets properties on what the API returns (a status bar item's name): accept and forget.
  set: () => true,
});

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return originalResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };

let forkedAt;
let resolveForked;
const forked = new Promise((resolve) => (resolveForked = resolve));
childProcess.fork = () => {
  forkedAt = performance.now();
  resolveForked();
  throw new Error('benchmark: server not started');
};
childProcess.spawn = childProcess.fork;

const t0 = performance.now();
const extension = require(extensionFile);
const t1 = performance.now();
const context = {
  subscriptions: [],
  asAbsolutePath: (p) => path.join(path.dirname(extensionFile), '..', p),
  extensionPath: path.join(path.dirname(extensionFile), '..'),
  extensionUri: stub,
  globalState: stub,
  workspaceState: stub,
  environmentVariableCollection: stub,
  storageUri: undefined,
  // Empty: the extension's code cache (client/src/entry.ts) is not there yet, as in a first start.
  globalStorageUri: { fsPath: fs.mkdtempSync(path.join(os.tmpdir(), 'activation-probe-')) },
  logUri: stub,
};
process.on('exit', () => fs.rmSync(context.globalStorageUri.fsPath, { recursive: true, force: true }));
const t2 = performance.now();
// activate() may return a promise or nothing.
Promise.resolve().then(() => extension.activate(context)).catch(() => {});
const timeout = setTimeout(() => {
  console.error('activate() never forked the server');
  process.exit(1);
}, 10_000);
forked.then(() => {
  clearTimeout(timeout);
  process.stdout.write(JSON.stringify({ load: t1 - t0, activate: forkedAt - t2 }));
  process.exit(0);
});

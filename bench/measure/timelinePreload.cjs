// Loaded into every Node process code-server starts (NODE_OPTIONS, by coldOpenTimeline.ts): logs
// epoch timestamps to $TL_DIR/events.jsonl, process start, the extension's and the server's
// bundles required (wall and CPU), the extension's activate() call, the server forked, the server's
// first LSP messages each way (IPC); with TL_PROFILE=ms, CPU profiles of the extension host and the
// server for that long from their start. A diagnostic: nothing of the product loads it.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const OUT = process.env.TL_DIR;
const ROOT = process.env.TL_ROOT;
const argv = process.argv.join(' ');
const role = argv.includes(path.join(ROOT, 'dist', 'server.js')) ? 'server' : argv.includes('--type=extensionHost') ? 'exthost' : 'other';
const epoch = () => performance.timeOrigin + performance.now();
const log = (ev, extra) => fs.appendFileSync(path.join(OUT, 'events.jsonl'), JSON.stringify({ pid: process.pid, role, ev, t: epoch(), ...extra }) + '\n');
// hr: the monotonic clock V8's profiles count in (µs), to place their samples on the timeline.
log('preload', { argv: argv.slice(0, 300), hr: Number(process.hrtime.bigint() / 1000n) });

const Module = require('node:module');
const load = Module._load;
const OURS = new Set(['extension.js', 'server.js', 'incident-docs.js'].map((f) => path.join(ROOT, 'dist', f)));
Module._load = function (request, parent) {
  const file = request.startsWith('.') && parent?.filename ? path.join(path.dirname(parent.filename), request) : request;
  if (!OURS.has(file)) return load.apply(this, arguments);
  const c0 = process.cpuUsage();
  const t0 = epoch();
  const loaded = load.apply(this, arguments);
  const c = process.cpuUsage(c0);
  log('require', { file: path.basename(file), start: t0, ms: Math.round(epoch() - t0), cpu: Math.round((c.user + c.system) / 1000) });
  if (role !== 'exthost' || typeof loaded?.activate !== 'function') return loaded;
  return {
    activate(context) {
      const c1 = process.cpuUsage();
      const t1 = epoch();
      const value = loaded.activate(context);
      const cc = process.cpuUsage(c1);
      log('activate-call', { ms: Math.round(epoch() - t1), cpu: Math.round((cc.user + cc.system) / 1000) });
      // TL_ALL: when the extension host hears of each edit and hands each document's diagnostics on.
      if (process.env.TL_ALL) {
        const vscode = Module._load('vscode', parent);
        // The extension host's user CPU so far, ms.
        const since = () => Math.round(process.cpuUsage().user / 1000);
        context.subscriptions.push(
          vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && log('document changed', { version: e.document.version, cpu: since() })),
          vscode.languages.onDidChangeDiagnostics((e) => log('diagnostics changed', { uris: e.uris.length, cpu: since() })),
        );
      }
      return value;
    },
    deactivate: () => loaded.deactivate?.(),
  };
};

if (role === 'exthost') {
  const cp = require('node:child_process');
  const fork = cp.fork;
  cp.fork = function (module) {
    if (OURS.has(String(module))) log('fork', { module: path.basename(String(module)) });
    return fork.apply(this, arguments);
  };
}
if (role === 'server') {
  const seen = {};
  // TL_ALL: every message (keystrokeTimeline.ts), with the request a response answers and its size.
  const all = !!process.env.TL_ALL;
  const asked = new Map();
  const note = (dir, m) => {
    if (all) {
      if (m.method && m.id !== undefined) asked.set(`${dir}${m.id}`, m.method);
      const answers = m.method ? undefined : asked.get(`${dir === 'in' ? 'out' : 'in'}${m.id}`);
      const bytes = dir === 'out' || !m.method || m.method === 'textDocument/publishDiagnostics' || m.method === 'textDocument/codeAction' ? JSON.stringify(m).length : undefined;
      return log(dir, { method: m.method ?? `response ${answers ?? m.id}`, id: m.id, version: m.params?.textDocument?.version ?? m.params?.version, diagnostics: m.params?.diagnostics?.length, bytes, message: m.method === 'window/logMessage' ? String(m.params?.message).slice(0, 160) : undefined, cpu: Math.round(process.cpuUsage().user / 1000) });
    }
    const key = dir + (m.method ?? `response ${m.id}`);
    seen[key] = (seen[key] ?? 0) + 1;
    if (seen[key] <= 2) log(dir, { method: m.method ?? `response ${m.id}`, n: seen[key], diagnostics: m.params?.diagnostics?.length });
  };
  const send = process.send;
  if (send) process.send = function (m) { note('out', m); return send.apply(this, arguments); };
  process.on('message', (m) => note('in', m));
}
if ((role === 'server' || role === 'exthost') && process.env.TL_PROFILE) {
  const session = new (require('node:inspector').Session)();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  const stop = () => session.post('Profiler.stop', (err, res) => {
    if (!err) fs.writeFileSync(path.join(OUT, `${role}-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
  if (process.env.TL_PROFILE === 'until-stop') {
    // keystrokeTimeline.ts: until the driver writes $TL_DIR/stop.
    const poll = setInterval(() => fs.existsSync(path.join(OUT, 'stop')) && (clearInterval(poll), stop()), 200);
    poll.unref();
  } else setTimeout(stop, Number(process.env.TL_PROFILE)).unref();
}

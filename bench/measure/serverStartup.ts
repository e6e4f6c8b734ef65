// The server's share of the editor's start-up (README, "In the editor"): dist/server.js driven as VS Code
// drives it, in a workspace holding the 5,000-entry inventory and the 20 KB post-mortem (from
// `npm run bench`'s inputs): one of them opened, the Certificates view's read 500 ms later, ten
// keystrokes 500 ms apart. Prints wall-clock times and the server's CPU (from /proc). A/B: ROOT names
// another checkout, built, whose server and client helper are used.
// Usage: [ROOT=/other/checkout] [SEMI=MB] [PROF=dir] node --import tsx bench/measure/serverStartup.ts pm|inv
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = process.env.ROOT ?? path.join(__dirname, '..', '..');
const mode = process.argv[2] ?? 'pm';

async function main() {
  const { LspTestClient, FULL_CAPABILITIES } = await import(path.join(ROOT, 'test/helpers/lspClient.ts'));
  const { SERVER_NODE_FLAGS } = await import(path.join(ROOT, 'contract/src/nodeFlags.ts'));
  const inputs = path.join(__dirname, '..', '.inputs');
  const dir = mkdtempSync(path.join(tmpdir(), 'scen-'));
  mkdirSync(path.join(dir, 'postmortems'));
  const invText = readFileSync(path.join(inputs, 'cert-inventory-5000-stale.yaml'), 'utf8');
  const pmText = readFileSync(path.join(inputs, 'postmortem-20kb.md'), 'utf8');
  writeFileSync(path.join(dir, 'cert-inventory.yaml'), invText);
  writeFileSync(path.join(dir, '.incident-docs.yaml'), 'maxFileSizeBytes: 5242880\n');
  writeFileSync(path.join(dir, 'postmortems', 'pm.md'), pmText);
  const invUri = pathToFileURL(path.join(dir, 'cert-inventory.yaml')).href;
  const pmUri = pathToFileURL(path.join(dir, 'postmortems', 'pm.md')).href;
  const t0 = performance.now();
  const client = await LspTestClient.start({
    nodeArgs: [...(process.env.SEMI ? ['--max-semi-space-size=' + process.env.SEMI] : SERVER_NODE_FLAGS), ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.PROF] : [])],
    capabilities: FULL_CAPABILITIES,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
    initializationOptions: { incidentDocs: { outlineTimelineOnly: true } },
    configuration: (p: { items: unknown[] }) => p.items.map(() => null),
  });
  const pid = (client as any).process.pid;
  const cpu = () => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  };
  const [uri, text, lang] = mode === 'pm' ? [pmUri, pmText, 'markdown'] : [invUri, invText, 'yaml'];
  const c0 = cpu();
  await client.open(uri, text, lang, 1);
  const symbols = client.request('textDocument/documentSymbol', { textDocument: { uri } });
  void client.request('textDocument/codeLens', { textDocument: { uri } });
  setTimeout(() => void client.request('incidentDocs/inventoryEntries', { uris: [invUri] }).then(() => console.log(`inventoryEntries answered ${(performance.now() - t0).toFixed(0)} ms`)), 500);
  await client.waitForDiagnostics(uri, { version: 1, timeoutMs: 120_000 });
  console.log(`${mode}: first diagnostics ${(performance.now() - t0).toFixed(0)} ms, server cpu ${(cpu() - c0).toFixed(0)} ms`);
  await symbols;
  console.log(`symbols ${(performance.now() - t0).toFixed(0)} ms`);
  // Keystrokes: insert and delete a character in a line, 500 ms apart.
  const lines = text.split('\n');
  const line = mode === 'pm' ? Math.floor(lines.length / 2) : lines.findIndex((l) => l.includes('expires: 2025'));
  const times: number[] = [];
  const c1 = cpu();
  for (let i = 0; i < 10; i++) {
    const version = i + 2;
    const s = performance.now();
    if (i % 2 === 0) await client.edit(uri, version, { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, 'x');
    else await client.edit(uri, version, { start: { line, character: lines[line].length }, end: { line, character: lines[line].length + 1 } }, '');
    void client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.waitForDiagnostics(uri, { version, timeoutMs: 120_000 });
    times.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 500));
  }
  const c2 = cpu();
  console.log(`keystrokes: ${times.map((t) => t.toFixed(0)).join(' ')} ms; server cpu per keystroke ${((c2 - c1) / 10).toFixed(0)} ms (incl. idle)`);
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`total server cpu ${(cpu() - c0).toFixed(0)} ms`);
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * P5 client side: activation measured in a fresh Node process per run (see activationProbe.cjs),
 * beside the same probe of a bare vscode-languageclient extension (bareClientExtension.ts, built
 * with the product's options), alternated; and the .vsix size from `npm run package`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAsProduct } from '../lib/bundle';
import { summarize, type Summary } from '../lib/stats';
import { run } from './process';

const ROOT = join(__dirname, '..', '..');

export interface ActivationResult {
  /** require(dist/extension.js) with the vscode stub. */
  load: Summary;
  /** activate() from its call until the language client asks to fork the server. */
  activate: Summary;
  /** Both: what activation costs the extension host before the server process exists. */
  total: Summary;
  /** The same probe of the bare vscode-languageclient extension (require + activate). */
  bareClient: Summary;
}

interface Probe {
  load: number;
  activate: number;
}

export async function measureActivation(runs: number): Promise<ActivationResult> {
  const load: number[] = [];
  const activate: number[] = [];
  const total: number[] = [];
  const bareClient: number[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'bench-bare-client-'));
  try {
    const bare = join(folder, 'dist', 'extension.js');
    // Bundled as the product's client is (minified, `vscode` external).
    await buildAsProduct(join(__dirname, 'bareClientExtension.ts'), bare, ['vscode']);
    // The first round of each warms the file cache and is not counted.
    for (let i = 0; i < runs + 1; i++) {
      const ours = await probe(join(ROOT, 'dist', 'extension.js'));
      const floor = await probe(bare);
      if (i === 0) continue;
      load.push(ours.load);
      activate.push(ours.activate);
      total.push(ours.load + ours.activate);
      bareClient.push(floor.load + floor.activate);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { load: summarize(load), activate: summarize(activate), total: summarize(total), bareClient: summarize(bareClient) };
}

async function probe(extensionFile: string): Promise<Probe> {
  const r = await run(process.execPath, [join(__dirname, 'activationProbe.cjs'), extensionFile], ROOT);
  if (r.code !== 0) throw new Error(`activation probe of ${extensionFile} failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Probe;
}

export async function packageSize(): Promise<number> {
  const r = await run('npm', ['run', 'package'], ROOT);
  if (r.code !== 0) throw new Error(`npm run package failed: ${r.stderr}`);
  return statSync(join(ROOT, 'incident-docs.vsix')).size;
}

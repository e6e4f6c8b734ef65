/**
 * P5 client side: activation measured in a fresh Node process per run (see activationProbe.cjs),
 * and the .vsix size from `npm run package`.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
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
}

export async function measureActivation(runs: number): Promise<ActivationResult> {
  const load: number[] = [];
  const activate: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = await run(process.execPath, [join(__dirname, 'activationProbe.cjs'), join(ROOT, 'dist', 'extension.js')], ROOT);
    if (r.code !== 0) throw new Error(`activation probe failed: ${r.stderr}${r.stdout}`);
    const m = JSON.parse(r.stdout) as { load: number; activate: number };
    if (i === 0) continue;
    load.push(m.load);
    activate.push(m.activate);
    total.push(m.load + m.activate);
  }
  return { load: summarize(load), activate: summarize(activate), total: summarize(total) };
}

export async function packageSize(): Promise<number> {
  const r = await run('npm', ['run', 'package'], ROOT);
  if (r.code !== 0) throw new Error(`npm run package failed: ${r.stderr}`);
  return statSync(join(ROOT, 'incident-docs.vsix')).size;
}

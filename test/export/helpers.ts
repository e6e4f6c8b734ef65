import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { TargetGroup } from '../../server/src/core/export/prometheus';
import { runCli, tempTree, type CliRun } from '../cli/helpers';

export const NOW = ['--now', '2026-11-27T12:00:00Z'];

export interface Exported {
  dir: string;
  run: CliRun;
  targets: TargetGroup[];
  rulesText: string;
  rules: { groups: { name: string; rules: ExportedRule[] }[] };
  blackbox: { modules: Record<string, Record<string, unknown>> };
  prometheus: Record<string, unknown>;
}

export interface ExportedRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Writes the inventory to a fresh folder and runs the built CLI's export on it. */
export function exportInventory(inventoryYaml: string, extraArgs: string[] = [], files: Record<string, string> = {}): Exported {
  const dir = tempTree({ 'cert-inventory.yaml': inventoryYaml, ...files });
  const run = runCli(['export', 'prometheus', 'cert-inventory.yaml', '--out', 'out', ...extraArgs], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const read = (name: string) => fs.readFileSync(path.join(dir, 'out', name), 'utf8');
  const rulesText = read('rules.yaml');
  return {
    dir,
    run,
    targets: JSON.parse(read('targets.json')) as TargetGroup[],
    rulesText,
    rules: parse(rulesText) as Exported['rules'],
    blackbox: parse(read('blackbox.yml')) as Exported['blackbox'],
    prometheus: parse(read('prometheus.yml')) as Record<string, unknown>,
  };
}

export function promtool(args: string[], cwd: string): { code: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`promtool: ${result.error.message} (bash scripts/test-setup.sh installs Debian's prometheus package)`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Prometheus' humanizeDuration for whole seconds of a minute or more, as its template functions print them. */
export function humanizeDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  const [days, hours, minutes, secs] = [Math.trunc(s / 86_400), Math.trunc(s / 3600) % 24, Math.trunc(s / 60) % 60, s % 60];
  if (days !== 0) return `${days}d ${hours}h ${minutes}m ${secs}s`;
  if (hours !== 0) return `${hours}h ${minutes}m ${secs}s`;
  if (minutes !== 0) return `${minutes}m ${secs}s`;
  throw new Error('under a minute: not needed by these tests');
}

/**
 * Expands the few Go-template forms the rules use, to predict the annotations an alert gets.
 * Anything else left in braces fails the test, so a new template form cannot go unchecked.
 */
export function expandTemplate(template: string, labels: Record<string, string>, value: number): string {
  const out = template
    .replace(/\{\{ with \$labels\.(\w+) \}\}\{\{ \. \}\}\{\{ else \}\}(.*?)\{\{ end \}\}/g, (_, name: string, fallback: string) => labels[name] || fallback)
    .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')
    .replace(/\{\{ \$value \| humanizeDuration \}\}/g, () => humanizeDuration(value));
  assert.doesNotMatch(out, /\{\{/, `unexpanded template in: ${out}`);
  return out;
}

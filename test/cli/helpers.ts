import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(__dirname, 'fixtures');
/** The seed post-mortem, from the fixtures (a clean clone may have no ../shared). */
export const SEED = path.resolve(REPO_ROOT, 'test', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would; stdout is a pipe, so no colours unless a test asks. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const env = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

export function runJson(args: string[], options: { cwd?: string } = {}): { code: number | null; findings: JsonFinding[]; stderr: string } {
  const run = runCli(['lint', '--format', 'json', ...args], options);
  return { code: run.code, findings: JSON.parse(run.stdout) as JsonFinding[], stderr: run.stderr };
}

/** A fresh folder with the given files (paths relative to it); removed when the process exits. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** 1-based line and column of the first occurrence of `needle`, computed from the text itself. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split(/\r\n|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

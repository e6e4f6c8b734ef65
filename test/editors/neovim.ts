/** Runs headless Neovim with nvim/client.lua on a job and returns what it collected. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, Hover, Position } from 'vscode-languageserver/node';

export const NVIM_DIR = path.join(__dirname, 'nvim');
export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface JobFile {
  name: string;
  path: string;
  /** Opened without autocmds, given `filetype` and attached by hand (not through setup()). */
  manual?: boolean;
  filetype?: string;
  /** Attached to a client with Neovim's default capabilities and no settings. */
  bare?: boolean;
}

export interface Job {
  /** Deadline of each wait in the run (for a state: a publish, a response); it bounds failures only. */
  timeoutMs: number;
  /** The README's Neovim 0.7 snippet (run) and its other Lua snippets (compiled). */
  readme: { setup: string; others: string[] };
  settings: Record<string, unknown>;
  init_options: unknown;
  files: JobFile[];
  lenses?: string[];
  hovers?: { buffer: string; needle: string }[];
  codeAction?: { buffer: string; needle: string; choose: string; expect: PublishExpectation };
  edit?: { buffer: string; needle: string; replacement: string; expect: PublishExpectation };
  executeCommand?: { buffer: string; command: string; arguments: unknown[] };
  checkLive?: { buffer: string; expect: PublishExpectation };
  reconfigure?: { buffer: string; settings: Record<string, unknown>; expect: PublishExpectation };
}

/** What tells the publish a step caused from one computed before it: a rule it has, or lacks. */
export interface PublishExpectation {
  has?: string;
  lacks?: string;
}

export interface Published {
  client: string;
  diagnostics: Diagnostic[];
}

/** A diagnostic as vim.diagnostic holds it: 0-based lines, byte columns. */
export interface VimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  code: string;
  message: string;
}

export interface BufferResult {
  uri: string;
  filetype: string;
  fileformat: string;
  client: string;
  capabilities: Record<string, unknown>;
  published: Published;
  diagnostics: VimDiagnostic[];
  lenses?: CodeLens[];
}

export interface NvimResult {
  /** The settings the README snippet passed to setup(), with the job's merged in. */
  settings: Record<string, unknown>;
  /** Per other README snippet: the Lua compile error, or null. */
  readme: (string | null)[];
  buffers: Record<string, BufferResult>;
  steps: {
    hovers: { position: Position; result: Hover | null }[];
    codeAction?: { offered: string[]; line: string; after: Published };
    edit?: { after: Published };
    executeCommand?: { err: unknown; result: unknown };
    checkLive?: { offered: string[]; after: Published; lenses: CodeLens[] };
    reconfigure?: { after: Published };
  };
  configurationRequests: { params: { items: { section?: string; scopeUri?: string }[] }; answer: unknown[] }[];
  error?: string;
}

/** The Lua snippets of the README's "Any LSP editor" section: the one calling the tested module, and the others. */
export function readmeLuaSnippets(readme: string): Job['readme'] {
  const start = readme.indexOf('### Any LSP editor');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);
  const setup = blocks.find((b) => b.includes("require('incident-docs').setup("));
  if (start < 0 || !setup) throw new Error("README: no Lua snippet calling require('incident-docs').setup() under \"### Any LSP editor\"");
  return { setup, others: blocks.filter((b) => b !== setup) };
}

/**
 * Runs the job under `timeout` (a Lua error can leave headless Neovim waiting forever), with no
 * user config, swap file or shada. Async, so TLS servers in this process keep answering.
 */
export function runNeovim(job: Job, workDir: string): Promise<NvimResult> {
  const jobFile = path.join(workDir, 'job.json');
  const out = path.join(workDir, 'result.json');
  writeFileSync(
    jobFile,
    JSON.stringify({ ...job, out, nvimDir: NVIM_DIR, cmd: [process.execPath, SERVER, '--stdio'] }),
  );
  // The whole run: a few waits' worth (each wait has its own deadline, job.timeoutMs).
  const seconds = String(Math.ceil(job.timeoutMs / 1000) * 4);
  const args = ['-k', '2', seconds, 'nvim', '--headless', '--clean', '-n', '-i', 'NONE', '-u', path.join(NVIM_DIR, 'client.lua')];
  return new Promise((resolve, reject) => {
    // Neovim's own files (LSP log, state) go to the work dir: CI's $HOME may be read-only or absent.
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE'].map((k) => [`XDG_${k}_HOME`, path.join(workDir, 'xdg', k.toLowerCase())]));
    const env = { ...process.env, ...xdg, INCIDENT_DOCS_NVIM_JOB: jobFile };
    const child = spawn('timeout', args, { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`nvim exited with ${code}${code === 124 ? ' (timeout)' : ''}:\n${output}`));
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as NvimResult);
      } catch (e) {
        reject(new Error(`no result from nvim (${(e as Error).message}):\n${output}`));
      }
    });
  });
}

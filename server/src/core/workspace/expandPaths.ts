/**
 * The paths a user names (CLI arguments, the editor's workspace folders) turned into the files to
 * check: a file is always read, a folder is walked for candidates (walk.ts), anything else with
 * glob syntax is a glob. The CLI and the language server's Scan Workspace both come here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { WorkspaceError, errnoReason } from './errors';
import { walkFolder } from './walk';

/** What a folder walk or a glob reads: Markdown (post-mortems) and YAML (inventories, manifests). */
export const CANDIDATE_EXTENSIONS = ['md', 'markdown', 'yaml', 'yml'];
const CANDIDATE = new RegExp(`\\.(${CANDIDATE_EXTENSIONS.join('|')})$`, 'i');

export function isCandidateFile(file: string): boolean {
  return CANDIDATE.test(file);
}

export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

export interface ExpandOptions {
  /** Folders or files that could not be read during a walk: skipped, one warning each. */
  warn(message: string): void;
  show?(file: string): string;
}

/**
 * Absolute file paths, sorted and without duplicates. A path that is neither a file, a folder nor
 * a glob matching something is a WorkspaceError of kind `usage`.
 */
export async function expandPaths(inputs: string[], cwd: string, options: ExpandOptions): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = statOrUndefined(absolute, input);
    if (stat?.isFile()) files.add(absolute);
    else if (stat?.isDirectory()) for (const f of await walkFolder(absolute, { ...options, accept: isCandidateFile })) files.add(f);
    else if (stat) throw new WorkspaceError(`${input}: not a file or folder`, 'usage');
    else if (isGlob(toGlobSyntax(input))) {
      const matches = await glob(toGlobSyntax(input), cwd, options);
      if (matches.length === 0) throw new WorkspaceError(`${input}: no Markdown or YAML file matches this pattern`, 'usage');
      for (const f of matches) files.add(f);
    } else throw new WorkspaceError(`${input}: no such file or folder`, 'usage');
  }
  return [...files].sort();
}

function statOrUndefined(absolute: string, input: string): fs.Stats | undefined {
  try {
    return fs.statSync(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new WorkspaceError(`${input}: cannot read (${errnoReason(e)})`);
  }
}

/** Glob syntax uses forward slashes; on Windows a backslash is a separator, elsewhere an escape. */
function toGlobSyntax(input: string): string {
  return path.sep === '\\' ? input.replace(/\\/g, '/') : input;
}

/** Splits `docs/pm/**\/*.md` into the folder it starts from and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const firstDynamic = segments.findIndex((s) => s !== '' && isGlob(s));
  const cut = firstDynamic < 0 ? segments.length - 1 : firstDynamic;
  const base = segments.slice(0, cut).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base || '.', rest: segments.slice(cut).join('/') };
}

async function glob(pattern: string, cwd: string, options: ExpandOptions): Promise<string[]> {
  const { base, rest } = splitGlob(pattern);
  const baseDir = path.resolve(cwd, base);
  if (!fs.existsSync(baseDir)) return [];
  const matches = picomatch(rest, { dot: true });
  return walkFolder(baseDir, { ...options, accept: (relative) => isCandidateFile(relative) && matches(relative) });
}

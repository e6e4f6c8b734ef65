import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

// globby is ESM-only (and so is a dependency of it): a dynamic import loads it both in the
// esbuild bundle and under tsx in the tests, where a static import would be turned into require().
type Globby = typeof import('globby');
let globbyModule: Promise<Globby> | undefined;
const loadGlobby = () => (globbyModule ??= import('globby'));

/** What a folder walk or a glob reads: Markdown (post-mortems) and YAML (inventories, manifests). */
export const CANDIDATE_EXTENSIONS = ['md', 'markdown', 'yaml', 'yml'];
const CANDIDATE = new RegExp(`\\.(${CANDIDATE_EXTENSIONS.join('|')})$`, 'i');
const ALL_CANDIDATES = `**/*.{${CANDIDATE_EXTENSIONS.join(',')}}`;

export function isCandidateFile(file: string): boolean {
  return CANDIDATE.test(file);
}

/**
 * Turns the command line's PATHs into absolute file paths, sorted and without duplicates.
 * A file is always read; a folder is walked for candidates, honouring .gitignore; anything else
 * with glob syntax is a glob (candidates only, .gitignore honoured). A path that is none of these
 * is a usage error.
 */
export async function expandPaths(inputs: string[], cwd: string): Promise<string[]> {
  const { isDynamicPattern } = await loadGlobby();
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = statOrUndefined(absolute, input);
    if (stat?.isFile()) files.add(absolute);
    else if (stat?.isDirectory()) for (const f of await walk(absolute, ALL_CANDIDATES)) files.add(f);
    else if (stat) throw new CliError(`${input}: not a file or folder`);
    else if (isDynamicPattern(toGlobSyntax(input))) {
      const matches = await glob(toGlobSyntax(input), cwd, isDynamicPattern);
      if (matches.length === 0) throw new CliError(`${input}: no Markdown or YAML file matches this pattern`);
      for (const f of matches) files.add(f);
    } else throw new CliError(`${input}: no such file or folder`);
  }
  return [...files].sort();
}

function statOrUndefined(absolute: string, input: string): fs.Stats | undefined {
  try {
    return fs.statSync(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CliError(`${input}: cannot read (${code ?? (e as Error).message})`);
  }
}

/** Glob syntax uses forward slashes; on Windows a backslash is a separator, elsewhere an escape. */
function toGlobSyntax(input: string): string {
  return path.sep === '\\' ? input.replace(/\\/g, '/') : input;
}

/** Splits `docs/pm/**\/*.md` into the folder it starts from and the pattern below it. */
export function splitGlob(pattern: string, isDynamicPattern: (p: string) => boolean): { base: string; rest: string } {
  const segments = pattern.split('/');
  const firstDynamic = segments.findIndex((s) => s !== '' && isDynamicPattern(s));
  const cut = firstDynamic < 0 ? segments.length - 1 : firstDynamic;
  const base = segments.slice(0, cut).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base || '.', rest: segments.slice(cut).join('/') };
}

async function glob(pattern: string, cwd: string, isDynamicPattern: (p: string) => boolean): Promise<string[]> {
  const { base, rest } = splitGlob(pattern, isDynamicPattern);
  const baseDir = path.resolve(cwd, base);
  if (!fs.existsSync(baseDir)) return [];
  return (await walk(baseDir, rest)).filter(isCandidateFile);
}

/**
 * Globbing from the repository root rather than from `dir`, because globby only reads the
 * .gitignore files at or below its cwd: a rule in the root .gitignore must still apply when a
 * subfolder is linted. Outside a repository (where git applies no .gitignore above) `dir` is the
 * root: globbing from the cwd could mean reading every .gitignore under a home folder.
 */
async function walk(dir: string, patternBelowDir: string): Promise<string[]> {
  const { convertPathToPattern, globby } = await loadGlobby();
  const root = gitRoot(dir) ?? dir;
  const relativeDir = path.relative(root, dir).split(path.sep).join('/');
  const pattern = relativeDir ? `${convertPathToPattern(relativeDir)}/${patternBelowDir}` : patternBelowDir;
  try {
    const found = await globby(pattern, {
      cwd: root,
      absolute: true,
      dot: true,
      gitignore: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    return found.map((f) => path.resolve(f));
  } catch (e) {
    throw new CliError(`${path.relative(process.cwd(), dir) || '.'}: cannot walk (${(e as Error).message})`);
  }
}

function gitRoot(dir: string): string | undefined {
  for (let current = dir; ; ) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

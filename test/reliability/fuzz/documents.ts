/** The documents fuzzing starts from: the shared corpus, the fixtures and the examples. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
export const CORPUS_DIRS = [
  path.resolve(ROOT, '../shared/corpus'),
  path.join(ROOT, 'test/fixtures'),
  path.join(ROOT, 'examples'),
];
const LINTABLE = /\.(md|markdown|ya?ml|ya?ml\.j2)$/i;

export interface SeedDocument {
  file: string;
  /** The path the linter is told: keeps the detection (post-mortem globs, YAML) of the original. */
  lintPath: string;
  text: string;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (LINTABLE.test(name)) out.push(full);
  }
  return out;
}

/** Every lintable file under the corpus folders, in a stable order. */
export function corpusFiles(): string[] {
  return CORPUS_DIRS.flatMap((d) => walk(d));
}

export function seedDocuments(): SeedDocument[] {
  return corpusFiles().map((file) => ({
    file,
    // Markdown is linted as a post-mortem wherever it lives: the rules are what fuzzing is for.
    lintPath: /\.(md|markdown)$/i.test(file) ? `postmortems/${path.basename(file)}` : file,
    text: readFileSync(file, 'utf8'),
  }));
}

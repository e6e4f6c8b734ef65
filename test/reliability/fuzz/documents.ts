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

/**
 * Config files fuzzing starts from: every setting in use, and the hostile values a cloned
 * repository may carry (catastrophic-backtracking patterns, wrong types, huge numbers, aliases).
 */
export function configSeeds(): string[] {
  return [
    'rules:\n  pm/empty-row: off\n  pm/timeline-zone: error\nwarnDays: 45\nrequiredSections: [Summary, Impact, Timeline]\n',
    'ticketPatterns: ["[A-Z]+-[0-9]+", "#[0-9]+"]\ntemplatePatterns: ["^TODO", "lorem ipsum"]\n',
    'teamEmailPatterns: ["^team-.*@example\\\\.com$"]\npersonalEmailPatterns: ["@gmail\\\\.com$"]\nrequireTeamEmail: true\n',
    "ticketPatterns: ['^(a+)+$', '(a+)+b', '(x+x+)+y']\ntemplatePatterns: ['(.*a){20}']\n",
    "personalEmailPatterns: ['^(([a-z])+.)+[A-Z]([a-z])+$']\nteamEmailPatterns: ['(?=x)', '\\\\1']\n",
    'warnDays: -3\nmaxFileSizeBytes: 1e308\ndebounceMs: "soon"\npostmortemGlobs: 7\nrules: [a, b]\n',
    'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nrequiredSections: *b\n',
    'enable: false\n',
    '',
  ];
}

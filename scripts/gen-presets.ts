// Embeds templates/*.md (the built-in post-mortem templates) in the core as strings (and builds the
// `postmortem` snippet from templates/default.md), so the bundled
// CLI and server carry them without reading files at run time, and the tests (run from source by
// tsx, which cannot import Markdown) see the same text. Run after editing a template:
//   npx tsx scripts/gen-presets.ts
// test/core/postmortem/template-presets.test.ts fails while the generated file is stale.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { postmortemSkeleton } from '../server/src/core/postmortem/skeleton';

export const TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');
export const GENERATED = path.resolve(__dirname, '..', 'server', 'src', 'core', 'postmortem', 'presets.generated.ts');

export function generatePresets(): string {
  const names = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.md')).sort();
  const entries = names.map((f) => `  ${JSON.stringify(f.replace(/\.md$/, ''))}: ${JSON.stringify(readFileSync(path.join(TEMPLATES_DIR, f), 'utf8'))},`);
  return [
    '// Generated from templates/*.md by scripts/gen-presets.ts: edit the Markdown, then run it.',
    '/** The built-in templates, by preset name: the Markdown a team may copy and edit. */',
    'export const PRESET_TEXTS: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

export const SNIPPETS = path.resolve(__dirname, '..', 'snippets', 'postmortem.code-snippets');

/** snippets/postmortem.code-snippets with the `postmortem` skeleton built from templates/default.md. */
export function generateSnippets(): string {
  const snippets = JSON.parse(readFileSync(SNIPPETS, 'utf8')) as Record<string, { body: string[] }>;
  const body = postmortemSkeleton(readFileSync(path.join(TEMPLATES_DIR, 'default.md'), 'utf8')).split('\n');
  snippets['Post-mortem'] = { ...snippets['Post-mortem'], body };
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(GENERATED, generatePresets());
  writeFileSync(SNIPPETS, generateSnippets());
}

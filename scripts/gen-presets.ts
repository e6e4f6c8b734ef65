// Embeds templates/*.md (the built-in post-mortem templates) in the core as strings, so the bundled
// CLI and server carry them without reading files at run time, and the tests (run from source by
// tsx, which cannot import Markdown) see the same text. Run after editing a template:
//   npx tsx scripts/gen-presets.ts
// test/unit/template-presets.test.ts fails while the generated file is stale.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

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

if (require.main === module) writeFileSync(GENERATED, generatePresets());

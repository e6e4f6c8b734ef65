/** The presets the core embeds are templates/*.md as they are in the package (scripts/gen-presets.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GENERATED, generatePresets, generateSnippets, SNIPPETS } from '../../../scripts/gen-presets';

describe('template presets', () => {
  it('server/src/core/postmortem/presets.generated.ts matches templates/*.md (run: npx tsx scripts/gen-presets.ts)', () => {
    assert.equal(readFileSync(GENERATED, 'utf8'), generatePresets());
  });
  it('the `postmortem` snippet is the default template’s skeleton (run: npx tsx scripts/gen-presets.ts)', () => {
    assert.equal(readFileSync(SNIPPETS, 'utf8'), generateSnippets());
  });
  it('templates/ ships in the npm package and the .vsix', () => {
    // package.json's files is what both npm and vsce pack (vsce refuses a .vscodeignore beside it).
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
    assert.ok(pkg.files.some((f) => f.replace(/\/?\*\*$|\/$/, '') === 'templates'), 'package.json files');
  });
});

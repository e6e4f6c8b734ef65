/** server/src/lsp/README.md is the adapter's map: every file it holds is named there. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const LSP = path.resolve(__dirname, '../../server/src/lsp');

function sources(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.ts') ? [`${prefix}${e.name}`] : [],
  );
}

test('the lsp README names every file of server/src/lsp', () => {
  const readme = readFileSync(path.join(LSP, 'README.md'), 'utf8');
  const files = sources(LSP);
  assert.ok(files.length > 20, 'the folder was read');
  // A file in a subfolder may be named by its base name in its folder's row.
  const missing = files.filter((f) => !readme.includes(`\`${f}\``) && !readme.includes(`\`${path.basename(f)}\``));
  assert.deepEqual(missing, []);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');

/**
 * V8 keeps a script's source as one-byte characters only while every character is Latin-1; one
 * other character (esbuild escapes them in strings, but not in regular expression literals or
 * String.raw) makes the whole 1.7 MB source two bytes a character, in every process that loads
 * it: the language server held 6 MB more after opening the 5,000-entry inventory. Sources write
 * such characters as \u escapes in patterns.
 */
test('the shared bundle (dist/incident-docs.js) is Latin-1 only', async () => {
  const { productOptions } = await import(join(root, 'scripts', 'esbuild-options.mjs'));
  const result = await esbuild.build({
    ...productOptions(true),
    entryPoints: [join(root, 'server', 'src', 'programs.ts')],
    outfile: join(root, 'dist', 'incident-docs.js'),
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles?.find((f) => f.path.endsWith('incident-docs.js'))?.text ?? '';
  assert.ok(code.length > 100_000, 'the bundle was built');
  const wide: string[] = [];
  for (let i = 0; i < code.length && wide.length < 5; i++) {
    if (code.charCodeAt(i) > 0xff) wide.push(JSON.stringify(code.slice(Math.max(0, i - 40), i + 10)));
  }
  assert.deepEqual(wide, [], `characters beyond Latin-1 in the bundle, at:\n${wide.join('\n')}`);
});

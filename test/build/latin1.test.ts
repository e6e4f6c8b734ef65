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
const BUNDLES: { name: string; entry: string[]; external?: string[] }[] = [
  { name: 'incident-docs.js', entry: ['server', 'src', 'programs.ts'] },
  // The extension proper: VS Code's extension host holds it for the whole session.
  { name: 'extension-main.js', entry: ['client', 'src', 'extension.ts'], external: ['vscode'] },
];

for (const bundle of BUNDLES) {
  test(`the bundle dist/${bundle.name} is Latin-1 only`, async () => {
    const { productOptions } = await import(join(root, 'scripts', 'esbuild-options.mjs'));
    const result = await esbuild.build({
      ...productOptions(true),
      entryPoints: [join(root, ...bundle.entry)],
      outfile: join(root, 'dist', bundle.name),
      external: bundle.external,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles?.find((f) => f.path.endsWith(bundle.name))?.text ?? '';
    assert.ok(code.length > 100_000, 'the bundle was built');
    const wide: string[] = [];
    for (let i = 0; i < code.length && wide.length < 5; i++) {
      if (code.charCodeAt(i) > 0xff) wide.push(JSON.stringify(code.slice(Math.max(0, i - 40), i + 10)));
    }
    assert.deepEqual(wide, [], `characters beyond Latin-1 in the bundle, at:\n${wide.join('\n')}`);
  });
}

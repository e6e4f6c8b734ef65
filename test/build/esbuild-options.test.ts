import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');

test('bundled yaml is its ES module build (no process.env read per token), and it parses', async () => {
  const { productOptions } = await import(join(root, 'scripts', 'esbuild-options.mjs'));
  const result = await esbuild.build({
    ...productOptions(false),
    stdin: { contents: "module.exports = require('yaml');", resolveDir: root, loader: 'js' },
    sourcemap: false,
    write: false,
    logLevel: 'silent',
  });
  assert.deepEqual(result.warnings.map((w) => w.text), []);
  const code = result.outputFiles?.[0]?.text ?? '';
  assert.doesNotMatch(code, /env\.LOG_(TOKENS|STREAM)/);
  assert.match(code, /node_modules\/yaml\/browser\/dist\/parse\/parser\.js/, 'the ES build is bundled');
  const mod = { exports: {} as typeof import('yaml') };
  new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
  const doc = mod.exports.parseDocument('a: [1, 2]\nb: text\n');
  assert.deepEqual(doc.toJS(), { a: [1, 2], b: 'text' });
  assert.deepEqual(doc.errors, []);
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { tabStops } from '../helpers/snippets';
import { expand, ROOT, snippetFile } from './files';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed: { language: string; path: string }[] = manifest.contributes?.snippets ?? [];

describe('package.json contributes the snippets', () => {
  test('post-mortem snippets for markdown, inventory snippets for yaml, and every file in snippets/', () => {
    const byFile = Object.fromEntries(contributed.map((s) => [path.basename(s.path), s.language]));
    assert.deepEqual(byFile, { 'postmortem.code-snippets': 'markdown', 'inventory.code-snippets': 'yaml' });
    assert.deepEqual(readdirSync(path.join(ROOT, 'snippets')).sort(), Object.keys(byFile).sort());
    for (const s of contributed) assert.ok(existsSync(path.join(ROOT, s.path)), s.path);
  });

  for (const file of ['postmortem.code-snippets', 'inventory.code-snippets']) {
    for (const [name, snippet] of Object.entries(snippetFile(file))) {
      test(`${file} / ${name}: prefix, description, a body that expands, tab stops from 1 without gaps`, () => {
        const prefixes = [snippet.prefix].flat();
        assert.ok(prefixes.length > 0 && prefixes.every((p) => /^[a-z][a-z-]+$/.test(p)), prefixes.join());
        assert.ok((snippet.description ?? '').length > 20, 'described');
        assert.ok(expand(snippet).length > 0);
        const stops = tabStops(snippet.body).filter((n) => n !== 0).sort((a, b) => a - b);
        assert.deepEqual(stops, stops.map((_, i) => i + 1));
      });
    }
  }

  test('no prefix is used twice within a language', () => {
    for (const file of ['postmortem.code-snippets', 'inventory.code-snippets']) {
      const prefixes = Object.values(snippetFile(file)).flatMap((s) => [s.prefix].flat());
      assert.equal(new Set(prefixes).size, prefixes.length, file);
    }
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { contributedGrammars } from './tokenize';

const ROOT = path.join(__dirname, '..', '..');

describe('package.json contributes the injection grammars', () => {
  test('every grammar file in syntaxes/ is contributed, and every contributed one exists', () => {
    const files = readdirSync(path.join(ROOT, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json'));
    assert.deepEqual(contributedGrammars.map((g) => path.basename(g.path)).sort(), files.sort());
    for (const g of contributedGrammars) assert.ok(existsSync(path.join(ROOT, g.path)), g.path);
  });

  for (const g of contributedGrammars) {
    test(`${g.scopeName}: same scope name as its file, injected into Markdown or YAML only`, () => {
      const grammar = JSON.parse(readFileSync(path.join(ROOT, g.path), 'utf8'));
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(g.injectTo && g.injectTo.length > 0, 'injectTo');
      for (const target of g.injectTo) assert.ok(['text.html.markdown', 'source.yaml'].includes(target), target);
      assert.ok(typeof grammar.injectionSelector === 'string' && grammar.injectionSelector.length > 0);
      // An injection selector naming the other language would never match in the documents it is injected into.
      for (const target of g.injectTo) assert.ok(grammar.injectionSelector.includes(target), grammar.injectionSelector);
      // Scopes it adds are ours, so themes and tests can tell them from the base grammar's.
      const names = JSON.stringify(grammar).match(/"name":\s*"[^"]+"/g) ?? [];
      assert.ok(names.length > 0);
      for (const n of names) assert.match(n, /\.incident-docs"$/);
    });
  }
});

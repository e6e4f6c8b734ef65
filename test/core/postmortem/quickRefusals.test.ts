/**
 * The quick refusals (core/postmortem/quickRefusals.ts) only say "no" sooner: parseMarkdown must
 * give the tree plain remark-gfm gives, positions included, on random documents made of the
 * characters tables and autolink literals turn on (pipes, dashes, colons, `@`, `www.`, `http://`,
 * container prefixes, tabs, every line ending) and on every post-mortem fixture and corpus file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../../../server/src/core/postmortem/markdown';
import { delimiterRowMayFollow, emailMayStart } from '../../../server/src/core/postmortem/quickRefusals';

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

function assertSameTree(text: string): void {
  assert.deepStrictEqual(parseMarkdown(text), plain.parse(text), JSON.stringify(text));
}

/** Short pieces that open, continue or spoil tables and autolink literals. */
const PIECES = [
  '|', ' | ', '-', '---', ':', ':-', '-:', ':-:', '| --- |', '|---|', ' ', '  ', '\t', 'a', 'b c', '> ', '- ', '1. ', '    ',
  '@', 'jane@example.com', 'a.b+c@d.io', 'x@y', 'www.', 'www.example.com', 'WWW.X.ORG', 'http://', 'https://x.example/p?q=1',
  'HTTP://X.COM', 'httpx://', '[', ']', '(', ')', '*', '_', '`', '\\', '&amp;', '#', '~', '<', '>', '.', '\n', '\r\n', '\r', '\n\n',
];
const doc = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join(''));

describe('parseMarkdown with quick refusals', () => {
  test('random documents: the tree plain remark-gfm gives', () => {
    fc.assert(fc.property(doc, (text) => assertSameTree(text)), { numRuns: 4000, seed: 7 });
  });

  test('tables and links in containers, at the end, with every line ending', () => {
    const cases = [
      'a\n:-', 'a\n-:', '| a |\n| - |', 'a | b\n--|--', '> a | b\n> --|--\n> c | d', '- a | b\n  --|--\n  c | d',
      'a | b\r\n--|--\r\nc', 'a | b\r--|--\rc', 'a | b', 'a | b\n', '| a |\n|', 'a\n---', 'a\n***', '\ta | b\n\t--|--',
      'text\n| a |\n| - |\n| b |', '| a |\n| - |\nlazy', '> | a |\n| - |', 'x www.a.b y', 'see http://a.b/c.', 'mail a@b.co.',
      '[a@b.co](x) and a@b.co', '![www.a.b](c)', 'a\u00a0b@c.de', '**www.a.bc**', '~~http://a.bc~~',
    ];
    for (const text of cases) assertSameTree(text);
  });

  test('every post-mortem fixture and corpus document', () => {
    const roots = [join(__dirname, '..', '..', 'fixtures'), join(__dirname, '..', '..', '..', '..', 'shared', 'corpus')];
    let seen = 0;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.md')) {
          assertSameTree(readFileSync(path, 'utf8'));
          seen++;
        }
      }
    };
    for (const root of roots) {
      try {
        statSync(root);
      } catch {
        continue;
      }
      walk(root);
    }
    assert.ok(seen > 20, `only ${seen} documents read`);
  });
});

describe('the refusals themselves', () => {
  test('a delimiter row needs a dash and a pipe or colon on the next line', () => {
    assert.equal(delimiterRowMayFollow('a | b\n--|--', 0), true);
    assert.equal(delimiterRowMayFollow('a\r\n:-', 0), true);
    assert.equal(delimiterRowMayFollow('a | b\n---', 0), false);
    assert.equal(delimiterRowMayFollow('a | b\n|||', 0), false);
    assert.equal(delimiterRowMayFollow('a | b', 0), false);
    assert.equal(delimiterRowMayFollow('a\n\n--|--', 0), false);
  });

  test('an e-mail literal needs atext up to an @', () => {
    assert.equal(emailMayStart('jane.doe+x@example.com', 0), true);
    assert.equal(emailMayStart('jane doe@example.com', 0), false);
    assert.equal(emailMayStart('@example.com', 0), false);
    assert.equal(emailMayStart('word', 0), false);
  });
});

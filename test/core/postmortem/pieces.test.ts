/**
 * The piece-by-piece first parse (core/postmortem/pieces.ts) must give the tree a whole parse
 * gives, positions included: random documents built from fragments that open fences, HTML blocks,
 * front matter, definitions, tables and lists, cut into pieces of a few characters so that almost
 * every line is tried as a cut; and the corpus fixtures at several piece sizes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../../../server/src/core/postmortem/markdown';
import { parseByPieces, PieceParser } from '../../../server/src/core/postmortem/pieces';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'postmortems');
const BASES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.md') && f !== 'LICENSE-NOTES.md')
  .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));

/** Whole lines, so cuts fall between them as in real documents; some open or close something. */
const LINES = [
  '# Post-mortem: x', '## Timeline', '### Sub', 'Some text with *emphasis* and a [link](https://x.example).', 'more text', '',
  '| Time | Event |', '| --- | --- |', '| 10:00 | start [x] |', '| 10:05 | `code | pipe` |', '|  |  |', 'a | b', '| 16:04pm | [^1] |',
  '- item one', '- item two [x]', '  continued', '  - nested', '* star item', '+ plus item', '1. first', '2. second', '3) paren',
  '- - -', '***', '---', '===', '```', '~~~', '    indented code', '<!-- comment', '-->', '<div>', '</div>', '<pre>', '</pre>',
  '<table>', '<tr><td>10:00</td><td>x</td></tr>', '</table>', '> quote', '> - quoted item', 'lazy line',
  '[x]: https://example.com', '[^1]: a note', '    note continued', 'title: front', '\t- tab item', '- [ ] task', '- [x] done',
  'www.example.com and jane@example.com', '\\| escaped', '#no heading', '#', '-', '1.', '![img][x]',
];

/** Tables and lists of many rows and items, odd ones among them: where pieces are cut between rows and items. */
const ROWS = ['| 10:00 | start [x] |', '| 10:05 | `a | b` |', '|  |  |', '| 1 | 2 | 3 |', '|', '| x', '| \\| |', '|---|---|', 'plain row', '', '# h', '> q',
  '- item', '```', '<div>', '| [^1] |', '| www.x.com |', '   | indented |', '    | code? |'];
const ITEMS = ['- a', '- [x] done', '- b\n  more', '- c\nlazy', '-', '- ', '  - nested', '* star', '+ plus', '1. one', '2. two', '3) three', '',
  '    indented', '  ```', '  ```\n  code', '- ```', '- - -', '# h', '> q', '| t |', '- # h', 'text', '- x\n\n  para', '<!--', '-->'];
/** Lines of a long HTML table, odd ones among them: where pieces are cut inside one HTML block. */
const HTML_ROWS = ['<tr><td>10:00</td><td>x</td></tr>', '<tr>', '</tr>', '<td>10:05 [x]</td>', '  <td>indented</td>', '<TR><TD>upper</TD></TR>', '<th>h</th>',
  '</td>', '<tbody>', '</tbody>', '<thead>', '</table>', '<tr/>', '<trx>', '<tr', 'text in the table', '', '<!-- c', '-->', '<pre>', '</pre>', '<div>',
  '# h', '| t |', '- item', '```', '    code', '<tr><td>{{ x }}</td></tr>', '<td>www.x.com</td>', '<script>', '</script>', '<?x', '?>'];
const OTHER = ['# Post-mortem: x', '## Timeline', 'text', '', '---', '===', '```', '~~~', '    code', '<div>', '</div>', '<!-- c', '-->', '> quote',
  '[x]: https://e.com', '[^1]: note', '[x] and [^1]', '***'];
const table = fc
  .tuple(
    fc.constantFrom('| Time | Event |', '| a |', 'a | b', '| a | b | c |'),
    fc.constantFrom('| --- | --- |', '|---|', '--- | ---', '| :-- | --: | --- |'),
    fc.array(fc.constantFrom(...ROWS), { maxLength: 40 }),
  )
  .map(([head, delimiter, rows]) => [head, delimiter, ...rows].join('\n'));
const list = fc
  .tuple(fc.constantFrom('- first', '1. first', '* first', '+ first', '2) first', '- [ ] first'), fc.array(fc.constantFrom(...ITEMS), { maxLength: 40 }))
  .map(([first, items]) => [first, ...items].join('\n'));
const htmlTable = fc
  .tuple(fc.constantFrom('<table>', '<table class="t">', '<div>', '<TABLE>', '  <table>', '<!-- t -->', '<tr>'), fc.array(fc.constantFrom(...HTML_ROWS), { maxLength: 40 }))
  .map(([first, rows]) => [first, ...rows].join('\n'));
const blocks = fc
  .tuple(fc.array(fc.oneof(table, list, htmlTable, fc.constantFrom(...OTHER)), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([parts, eol, trailing]) => parts.join('\n').replace(/\n/g, eol) + (trailing ? eol : ''));

const document = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));

/** The tree as data. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('post-mortem parse by pieces equals a whole parse', () => {
  test('random documents, cut at almost every line', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 80 }), (text, pieceChars) => {
        assert.deepEqual(plain(parseByPieces(text, pieceChars)), plain(parseMarkdown(text)), JSON.stringify({ text, pieceChars }));
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  test('random tables, lists and HTML tables with odd rows and items, cut between them', () => {
    fc.assert(
      fc.property(blocks, fc.integer({ min: 1, max: 200 }), (text, pieceChars) => {
        assert.deepEqual(plain(parseByPieces(text, pieceChars)), plain(parseMarkdown(text)), JSON.stringify({ text, pieceChars }));
      }),
      { numRuns: 1000, seed: 13 },
    );
  });

  test('random documents with front matter', () => {
    const front = fc.constantFrom('---\ntitle: Post-mortem\n---\n', '---\ntitle: x\n# comment\n\n---\n', '---\n\n- a\n', '---\r\ntz: UTC\r\n---\r\n');
    fc.assert(
      fc.property(front, document, fc.integer({ min: 1, max: 40 }), (head, body, pieceChars) => {
        const text = head + body;
        assert.deepEqual(plain(parseByPieces(text, pieceChars)), plain(parseMarkdown(text)), JSON.stringify({ text, pieceChars }));
      }),
      { numRuns: 1000, seed: 12 },
    );
  });

  test('long tables, lists and HTML tables, tight and loose, are cut between rows and items', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| 2026-03-02 ${String(i % 24).padStart(2, '0')}:00 | event ${i} |`).join('\n');
    const tight = Array.from({ length: 300 }, (_, i) => `- 10:${String(i % 60).padStart(2, '0')} event ${i}\n  more`).join('\n');
    const loose = Array.from({ length: 300 }, (_, i) => `1. event ${i}`).join('\n\n');
    const html = Array.from({ length: 300 }, (_, i) => `<tr><td>10:${String(i % 60).padStart(2, '0')}</td><td>event ${i}</td></tr>`).join('\n');
    const texts = [`# T\n\n| Time | Event |\n| --- | --- |\n${rows}\n\nafter\n`, `# L\n\n${tight}\n`, `${loose}\n# end\n`, `# H\n\n<table>\n${html}\n</table>\n\nafter\n`];
    for (const text of texts) {
      for (const pieceChars of [1, 50, 300, 4096]) {
        const pieces = new PieceParser(text, undefined, pieceChars);
        let steps = 0;
        while (!pieces.done) {
          pieces.step();
          steps++;
        }
        assert.deepEqual(plain(pieces.root), plain(parseMarkdown(text)), `${text.slice(0, 20)} by ${pieceChars}`);
        if (pieceChars <= 300) assert.ok(steps > text.length / 2000, `${steps} steps for ${text.length} characters`);
        // Cut inside the long block, not parsed whole at the end of doubling tries.
        if (pieceChars >= 50 && pieceChars <= 300) assert.ok(steps > text.length / (4 * pieceChars), `${steps} steps for ${text.length} characters by ${pieceChars}`);
      }
    }
  });

  test('text without www., http or @ parses without the autolink literals to the same tree', () => {
    const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
    fc.assert(
      fc.property(fc.oneof(document, blocks), (text) => {
        assert.deepEqual(plain(parseMarkdown(text)), plain(remark.parse(text)), JSON.stringify(text));
      }),
      { numRuns: 1500, seed: 14 },
    );
    for (const { name, text } of BASES) assert.deepEqual(plain(parseMarkdown(text)), plain(remark.parse(text)), name);
  });

  test('the corpus fixtures, at several piece sizes', () => {
    for (const { name, text } of BASES) {
      for (const pieceChars of [1, 64, 512, 4096]) {
        assert.deepEqual(plain(parseByPieces(text, pieceChars)), plain(parseMarkdown(text)), `${name} by ${pieceChars}`);
      }
    }
  });
});

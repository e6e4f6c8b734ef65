import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { code } from '../../../server/src/cli/diff/markdown';
import { escapeControls } from '../../../server/src/core/quote';

/** How GitHub's Markdown (CommonMark and GFM) reads one list item holding the span between fixed text. */
function parsedItem(markdown: string): unknown {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    const { position: _position, spread: _spread, checked: _checked, ordered: _ordered, start: _start, ...rest } = node as Record<string, unknown>;
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strip(v)]));
  };
  return strip(tree.children);
}

const expected = (value: string) => [
  {
    type: 'list',
    children: [
      {
        type: 'listItem',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'strong', children: [{ type: 'text', value: 'Added' }] },
              { type: 'text', value: ' ' },
              { type: 'inlineCode', value },
              { type: 'text', value: ' (line 1)' },
            ],
          },
        ],
      },
    ],
  },
];

describe('code: repository text as one inline code span', () => {
  it('holds any text whole, as one span of exactly that text (controls escaped)', () => {
    const pieces = fc.constantFrom('`', '``', '```', ' ', '|', '\\', '<img src=x>', '[a](b)', '**', '_', '@org/team', '#1', 'https://x', 'www.x.y', '\n', '\r\n', '\u202e', '&amp;', '<!--', 'a');
    const texts = fc.oneof(fc.array(pieces, { minLength: 1, maxLength: 12 }).map((p) => p.join('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(texts, (text) => {
        const shown = escapeControls(text);
        fc.pre(shown.trim() !== '' || shown === ' ');
        assert.deepEqual(parsedItem(`- **Added** ${code(text)} (line 1)\n`), expected(shown));
      }),
      { numRuns: 1000 },
    );
  });

  it('shows empty text as "(empty)"', () => {
    assert.equal(code(''), '(empty)');
  });
});

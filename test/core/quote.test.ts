import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeValue, quoteList, quoteText } from '../../server/src/core/quote';

describe('quoting document text in messages', () => {
  it('keeps short text as it is, on one line', () => {
    assert.equal(quoteText('api-gateway'), 'api-gateway');
    assert.equal(quoteText('  two\n\tlines  '), 'two lines');
  });
  it('gives plain text back unchanged only when the slow path would (spaces at the ends, runs of them, DEL, length)', () => {
    assert.equal(quoteText('jane doe@example.com'), 'jane doe@example.com');
    assert.equal(quoteText(' api'), 'api');
    assert.equal(quoteText('api '), 'api');
    assert.equal(quoteText('a  b'), 'a b');
    assert.equal(quoteText(' '), '');
    assert.equal(quoteText('a\u007fb'), 'a\\x7Fb');
    assert.equal(quoteText('~!'), '~!');
    assert.equal(quoteText('abcd', 4), 'abcd');
    assert.equal(quoteText('abcde', 4), 'abc…');
  });
  it('cuts at 80 characters with an ellipsis, reading only what it shows', () => {
    const quoted = quoteText('k'.repeat(4 * 1024 * 1024));
    assert.equal(quoted, `${'k'.repeat(79)}…`);
    assert.equal(quoteText('k'.repeat(80)), 'k'.repeat(80));
    assert.equal(quoteText('abcdef', 4), 'abc…');
  });
  it('writes control characters, bidi overrides and lone surrogates as escapes', () => {
    assert.equal(quoteText('\u001b]0;title\u0007\u001b[2J'), '\\x1B]0;title\\x07\\x1B[2J');
    assert.equal(quoteText('a\u202eb\u0085c\u009bd'), 'a\\u202Eb c\\x9Bd');
    assert.equal(quoteText('x\ud800y'), 'x\\uD800y');
  });
  it('never splits a character made of two code units', () => {
    assert.equal(quoteText('😀'.repeat(100), 3), '😀😀…');
  });
  it('names binary values by their size and collections by their kind', () => {
    assert.equal(describeValue(new Uint8Array(12)), 'binary data (12 bytes)');
    assert.equal(describeValue('x'.repeat(200)), `"${'x'.repeat(79)}…"`);
    assert.equal(describeValue(-3), '-3');
    assert.equal(describeValue(null), 'empty');
    assert.equal(describeValue([1]), 'a list');
    assert.equal(describeValue({ a: 1 }), 'a mapping');
  });
  it('lists as many texts as fit, then how many more', () => {
    assert.equal(quoteList(['a', 'b']), '“a”, “b”');
    const many = quoteList(Array.from({ length: 1000 }, (_, i) => `host-${i}.example.com`), ['', '']);
    assert.ok(many.length < 120, many);
    assert.match(many, /^host-0\.example\.com, .* and \d+ more$/);
  });
});

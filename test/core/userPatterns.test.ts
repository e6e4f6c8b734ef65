import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileUserPattern, userPatterns } from '../../server/src/core/userPatterns';

const matches = (source: string, text: string, options = {}) => {
  const compiled = compileUserPattern(source, options);
  if ('reason' in compiled) throw new Error(compiled.reason);
  return compiled.test(text);
};

describe('patterns from a repository', () => {
  it('keep the meaning of the JavaScript flags the rules used (i, m)', () => {
    assert.equal(matches('^pki@', 'PKI@example.com'), false);
    assert.equal(matches('^pki@', 'PKI@example.com', { ignoreCase: true }), true);
    assert.equal(matches('^#\\d+$', 'fix\n#12'), false);
    assert.equal(matches('^#\\d+$', 'fix\n#12', { multiline: true }), true);
  });
  it('read JavaScript \\u escapes as the characters they name', () => {
    assert.equal(matches('\\u00e9t\\u{E9}', 'été'), true);
    assert.equal(matches('\\\\u00e9', '\\u00e9'), true, 'an escaped backslash stays one');
  });
  it('run captureless look-behinds', () => {
    assert.equal(matches('(?<!\\w)TBD', 'is TBD'), true);
    assert.equal(matches('(?<!\\w)TBD', 'isTBD'), false);
  });
  it('are compiled once per setting', () => {
    const sources = ['a+', '(?=x)'];
    const first = userPatterns(sources);
    assert.equal(userPatterns(sources), first);
    assert.deepEqual(first.map((p) => p.source), ['a+'], 'what cannot run is left out');
    assert.equal(userPatterns(['a+'])[0].regex, first[0].regex, 'and cached by source');
  });
  it('match in time linear in the text, even with nested quantifiers', { timeout: 5000 }, () => {
    assert.equal(matches('^(a+)+$', `${'a'.repeat(100_000)}b`), false);
    assert.equal(matches('(a|aa)+c', 'a'.repeat(100_000)), false);
  });
});

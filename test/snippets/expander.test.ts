import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { choices, expandSnippet, SnippetSyntaxError, snippetVariables, tabStops } from '../helpers/snippets';

describe('snippet expander (test helper)', () => {
  test('plain text and a literal $ that starts nothing', () => {
    assert.equal(expandSnippet('costs $ 5, 100%'), 'costs $ 5, 100%');
  });

  test('tab stops without defaults expand to nothing; $0 too', () => {
    assert.equal(expandSnippet('a$1b${2}c$0'), 'abc');
  });

  test('placeholders give their default, and mirrors repeat it', () => {
    assert.equal(expandSnippet('${1:api}: $1-tls / ${1}'), 'api: api-tls / api');
  });

  test('a mirror written before its placeholder still gets the default', () => {
    assert.equal(expandSnippet('$1 then ${1:x}'), 'x then x');
  });

  test('nested placeholders and placeholders containing mirrors', () => {
    assert.equal(expandSnippet('${1:Post-mortem - ${2:what broke}} [$2]'), 'Post-mortem - what broke [what broke]');
    assert.equal(expandSnippet('${1:gateway} ${2:$1-tls}'), 'gateway gateway-tls');
  });

  test('a value typed at a tab stop replaces its default everywhere, nested ones included', () => {
    assert.equal(expandSnippet('${1:a ${2:b}} $2', { values: { 2: 'B' } }), 'a B B');
    assert.equal(expandSnippet('${1:a ${2:b}} $2', { values: { 1: 'X' } }), 'X b');
  });

  test('choices take their first option; escaped commas and pipes stay in an option', () => {
    assert.equal(expandSnippet('${1|acme,internal-ca,manual|}'), 'acme');
    assert.equal(expandSnippet('${1|a\\,b,c|}|${2|x\\|y,z|}'), 'a,b|x|y');
    assert.deepEqual(choices('${3|acme,internal-ca,manual|} ${4|a\\,b,c|}').get(4), ['a,b', 'c']);
  });

  test('variables, including inside placeholders, and defaults of unknown variables', () => {
    const variables = { CURRENT_HOUR: '09', CURRENT_MINUTE: '05' };
    assert.equal(expandSnippet('${1:$CURRENT_HOUR:$CURRENT_MINUTE} UTC', { variables }), '09:05 UTC');
    assert.equal(expandSnippet('${CURRENT_HOUR}h', { variables }), '09h');
    assert.equal(expandSnippet('${NOT_SET:fallback ${1:x}}', { variables }), 'fallback x');
  });

  test('escapes: \\$, \\} and \\\\ are literal; other backslashes stay', () => {
    assert.equal(expandSnippet('\\$1 \\${1:x\\}} \\\\ \\d'), '$1 ${1:x}} \\ \\d');
    assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
  });

  test('an array body is lines joined with \\n', () => {
    assert.equal(expandSnippet(['${1:a}', '$1']), 'a\na');
  });

  test('errors: unknown variable, transform, unclosed placeholder or choice, malformed ${', () => {
    assert.throws(() => expandSnippet('$CURRENT_DAY'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${TM_FILENAME/(.*)/$1/}'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1:never closed'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1|a,b'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${ 1}'), SnippetSyntaxError);
  });

  test('tab stops are listed in order of first appearance, nested ones included', () => {
    assert.deepEqual(tabStops('${2:a ${3:b}} $1 ${4|x,y|} $2 $0'), [2, 3, 1, 4, 0]);
  });

  test('date variables are zero-padded and read in UTC', () => {
    const v = snippetVariables(new Date('2026-03-04T05:06:07Z'));
    assert.equal(`${v.CURRENT_YEAR}-${v.CURRENT_MONTH}-${v.CURRENT_DATE} ${v.CURRENT_HOUR}:${v.CURRENT_MINUTE}:${v.CURRENT_SECOND}`, '2026-03-04 05:06:07');
    assert.equal(v.CURRENT_MONTH_NAME, 'March');
    assert.equal(v.CURRENT_DAY_NAME_SHORT, 'Wed');
    assert.equal(v.CURRENT_YEAR_SHORT, '26');
    assert.equal(v.CURRENT_SECONDS_UNIX, String(Date.parse('2026-03-04T05:06:07Z') / 1000));
  });
});

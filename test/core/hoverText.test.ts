import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownText, plainTextOf } from '../../server/src/core/hoverText';

describe('hover text', () => {
  it('document text in a Markdown hover shows as written: its marks escaped, then undone for plain text', () => {
    const written = 'Deployed **v2** to `prod` <img src=x> [link](http://x) & 1. done | #5 ~~x~~ _y_ \\';
    const markdown = markdownText(written, 200);
    assert.doesNotMatch(markdown, /(?<!\\)[*`<[\]_~|]/, 'no unescaped syntax');
    assert.equal(plainTextOf(markdown), written);
  });
  it('is shortened to one line, control characters escaped', () => {
    assert.equal(markdownText('a\nb\u001b[31m'), 'a b\\\\x1B\\[31m');
    assert.equal(plainTextOf(markdownText('a\nb\u001b[31m')), 'a b\\x1B[31m');
    assert.equal(markdownText('x'.repeat(100)).length, 80);
  });
  it('a hover as plain text: emphasis and code marks dropped, lists and paragraphs on their lines', () => {
    const markdown = '**Timeline**: 15:36 → 18:04 (2 h 28 min)\n\nIncident metrics, from `incident.started`:\n- Time to detect: 54 min\n- Time to resolve: unknown\n\nSee [the docs](https://example.com/docs).';
    assert.equal(
      plainTextOf(markdown),
      'Timeline: 15:36 → 18:04 (2 h 28 min)\n\nIncident metrics, from incident.started:\n- Time to detect: 54 min\n- Time to resolve: unknown\n\nSee the docs (https://example.com/docs).',
    );
  });
  it('the inventory hover\'s Markdown reads as plain text too', () => {
    assert.equal(plainTextOf('**Expires in 23 days**\n\nWarn window: 30 days (from `defaults.warnDays`).'), 'Expires in 23 days\n\nWarn window: 30 days (from defaults.warnDays).');
  });
});

/**
 * HTML tables read in batches of rows (core/postmortem/tables.ts) must give the rows a whole parse
 * gives, spans and text included: random tables with odd rows among plain ones (comments and
 * attributes that hide a `<tr>`, raw text left open, nested tables, stray tags, forms), read a
 * few rows a batch, against the same table read whole.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Html } from 'mdast';
import { drain } from '../../../server/src/core/steps';
import { readHtmlTableSteps } from '../../../server/src/core/postmortem/tables';

/** An html node holding the whole text, as the Markdown parser gives one. */
function htmlNode(text: string): Html {
  const lines = text.split('\n');
  return {
    type: 'html',
    value: text,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length + 1, offset: text.length } },
  };
}

/** Fresh nodes each time: tables are cached per node. */
const read = (text: string, rowsPerStep: number) => drain(readHtmlTableSteps(htmlNode(text), text, rowsPerStep));
const WHOLE = Number.POSITIVE_INFINITY;

const PLAIN = ['<tr><td>10:00</td><td>start</td></tr>', '<tr><td>10:05 UTC</td><td><a href="https://x.example/1">link</a></td></tr>', '<tr>', '<td>10:10</td>', '</tr>'];
const ODD = [
  '<tr><td>x <b>bold</td></tr>', '<tr><td><a href="y">open link</td>', '<!-- <tr><td>hidden</td></tr>', '-->', '<tr><td title="<tr>">attr</td></tr>',
  '<tr><td><textarea>', '</textarea></td></tr>', '<?pi <tr> ?>', '<script>', '</script>', '<table><tr><td>inner</td></tr></table>', '<thead>', '</thead>',
  '<tbody>', '</tbody>', 'stray text', '</td>', '</tr>', '<td>no row</td>', '<TR><TD>upper</TD></TR>', '<tr/>', '<tr\n><td>split tag</td></tr>', '<form>',
  '<tr><td>&amp; &lt;tr&gt;</td></tr>', '<tr><th>h</th><th>i</th></tr>', '<caption>c</caption>', '<tr><td><pre>pre</pre></td></tr>', '<select>', '<svg>', '',
  '<tr><td>a</td></tr>\r', '<p>para', '<tr><td><img src="i"></td></tr>',
];

const table = fc
  .tuple(
    fc.constantFrom('<table>', '<table class="timeline">', '  <table>', '<TABLE>'),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...ODD) }), { minLength: 0, maxLength: 60 }),
    fc.constantFrom('</table>', '', '</TABLE>\nafter'),
    fc.constantFrom('\n', '\r\n', ''),
  )
  .map(([open, rows, close, eol]) => [open, ...rows, close].join(eol));

/** The rows as data: spans, cell spans and text, links. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('HTML tables read in batches of rows equal a whole read', () => {
  test('random tables with odd rows, a few rows a batch', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 5 }), (text, rowsPerStep) => {
        assert.deepEqual(plain(read(text, rowsPerStep)), plain(read(text, WHOLE)), JSON.stringify({ text, rowsPerStep }));
      }),
      { numRuns: 3000, seed: 21 },
    );
  });

  test('a long table of plain rows is read in batches, a step each', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `<tr><td>10:${String(i % 60).padStart(2, '0')}</td><td>event ${i} <b>b</b></td></tr>`);
    const text = `<table>\n<thead><tr><th>Time</th><th>Event</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    const steps = readHtmlTableSteps(htmlNode(text), text, 100);
    let count = 0;
    let next = steps.next();
    while (!next.done) {
      count++;
      next = steps.next();
    }
    const table = next.value;
    assert.ok(count >= 10, `${count} steps`);
    assert.equal(table.header?.cells.map((c) => c.text).join('|'), 'Time|Event');
    assert.equal(table.rows.length, 1000);
    assert.deepEqual(plain(table), plain(read(text, WHOLE)));
  });
});

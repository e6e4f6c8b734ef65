import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timelineRowSnippet, timelineStamp } from '../../client/src/postmortem/timelineRow';
import { expandSnippet } from '../helpers/snippets';

// 2026-03-02 14:07 UTC.
const NOW = new Date(Date.UTC(2026, 2, 2, 14, 7));

describe('timeline entry stamped now', () => {
  test('the time in the timeline zone, with the zone unless the header states it', () => {
    assert.equal(timelineStamp(NOW, { zone: 'UTC', zoneOffsetMinutes: 0, zoneInHeader: true }), '14:07');
    assert.equal(timelineStamp(NOW, { zone: 'PDT', zoneOffsetMinutes: -420, zoneInHeader: false }), '07:07 PDT');
    assert.equal(timelineStamp(NOW, { zone: 'IST', zoneOffsetMinutes: 330, zoneInHeader: false }), '19:37 IST');
    assert.equal(timelineStamp(new Date(Date.UTC(2026, 2, 2, 23, 30)), { zone: 'CET', zoneOffsetMinutes: 60, zoneInHeader: false }), '00:30 CET', 'past midnight there');
  });

  test('local time, and no zone, when no zone offset is known', () => {
    const local = `${String(NOW.getHours()).padStart(2, '0')}:${String(NOW.getMinutes()).padStart(2, '0')}`;
    assert.equal(timelineStamp(NOW, null), local);
    assert.equal(timelineStamp(NOW, { zone: 'Mars', zoneOffsetMinutes: undefined, zoneInHeader: false }), local);
  });

  test('HTML row, cells on their own lines, time in its column, tab stops elsewhere', () => {
    const row = timelineRowSnippet({ kind: 'html', cells: 3, timeColumn: 1, multiline: true, indent: '  ' }, '14:07 UTC');
    assert.equal(row, '  <tr>\n  <td>$1</td>\n  <td>14:07 UTC</td>\n  <td>$2</td>\n  </tr>\n');
    assert.equal(expandSnippet(row), '  <tr>\n  <td></td>\n  <td>14:07 UTC</td>\n  <td></td>\n  </tr>\n');
  });

  test('HTML row on one line', () => {
    assert.equal(timelineRowSnippet({ kind: 'html', cells: 2, timeColumn: 0, multiline: false, indent: '' }, '14:07'), '<tr><td>14:07</td><td>$1</td></tr>\n');
  });

  test('pipe row and bullet', () => {
    assert.equal(timelineRowSnippet({ kind: 'pipe', cells: 2, timeColumn: 0, indent: '' }, '14:07'), '| 14:07 | $1 |\n');
    assert.equal(timelineRowSnippet({ kind: 'pipe', cells: 1, timeColumn: 0, indent: '' }, '14:07'), '| 14:07 | $1 |\n', 'at least a time and a note');
    assert.equal(timelineRowSnippet({ kind: 'bullet', marker: '*', indent: '  ' }, '14:07 CET'), '  * 14:07 CET $1\n');
  });

  test('the clock of the entries around: 12-hour with their markers, padding and separator', () => {
    const at = (hours: number, minutes: number) => new Date(Date.UTC(2026, 2, 2, hours, minutes));
    const utc = { zone: 'UTC', zoneOffsetMinutes: 0, zoneInHeader: true };
    assert.equal(timelineStamp(at(19, 1), { ...utc, clock: { twelveHour: true, padHour: false, separator: ':', am: 'am', pm: 'pm' } }), '7:01pm');
    assert.equal(timelineStamp(at(0, 5), { ...utc, clock: { twelveHour: true, padHour: true, separator: ':', am: 'AM', pm: 'PM', spaceBeforeMarker: true } }), '12:05 AM');
    assert.equal(timelineStamp(at(12, 30), { ...utc, clock: { twelveHour: true, padHour: false, separator: '.', am: 'a.m.', pm: 'p.m.', spaceBeforeMarker: true } }), '12.30 p.m.');
    assert.equal(timelineStamp(at(9, 4), { ...utc, clock: { twelveHour: false, padHour: false, separator: ':' } }), '9:04');
    assert.equal(timelineStamp(at(9, 4), { ...utc, clock: { twelveHour: false, padHour: true, separator: '.' } }), '09.04');
  });

  test('a row copies the one it follows: attributes, indentation and line breaks, each cell’s content replaced', () => {
    const text = '  <tr class="even" data-cost="$5">\n    <td class="time">2:48pm</td>\n    <td>Determined that <b>no</b> payloads went through</td>\n  </tr>';
    const cell = (content: string, empty = false) => ({ start: text.indexOf(content), end: text.indexOf(content) + content.length, empty });
    const row = timelineRowSnippet({ kind: 'html', cells: 2, timeColumn: 0, multiline: true, indent: '  ', template: { text, cells: [cell('2:48pm'), cell('Determined that <b>no</b> payloads went through')] } }, '7:01pm');
    assert.equal(row, '  <tr class="even" data-cost="\\$5">\n    <td class="time">7:01pm</td>\n    <td>$1</td>\n  </tr>\n');
    const pipe = '| 9:00 |    | Alert $5 |';
    const piped = timelineRowSnippet({ kind: 'pipe', cells: 3, timeColumn: 0, indent: '', template: { text: pipe, cells: [{ start: 2, end: 6, empty: false }, { start: 8, end: 12, empty: true }, { start: 14, end: 22, empty: false }] } }, '9:30');
    assert.equal(piped, '| 9:30 | $1 | $2 |\n');
    assert.equal(expandSnippet(piped), '| 9:30 |  |  |\n');
  });

  test('a stamp is snippet-escaped', () => {
    assert.equal(timelineRowSnippet({ kind: 'bullet', marker: '-', indent: '' }, '$9}'), '- \\$9\\} $1\n');
  });
});

/** Insert Timeline Entry Now's form: the clock the entries write, the row to copy. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClock } from '../../../contract/src/timeline';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';
import { timelineInsertion } from '../../../server/src/core/postmortem/timelineInsertion';
import { config } from '../../helpers/lint';

function insertionAt(rows: string, needle: string) {
  const text = `# Post-mortem\n\n## Timeline\n\n${rows}\n`;
  const model = buildPostmortemModel({ path: 'postmortems/x.md', text }, config());
  return timelineInsertion(model, text.indexOf(needle));
}

describe('a new timeline entry is written like its neighbours', () => {
  test('their clock: 12- or 24-hour, markers as written, padding, separator; a date before the time is skipped', () => {
    const cases: [string, string][] = [
      ['- 3:04pm Paged\n- 3:10pm Acked', '7:01pm'],
      ['- 03:04 PM Paged', '07:01 PM'],
      ['- 3:04 p.m. Paged', '7:01 p.m.'],
      ['- 3pm Paged', '7:01pm'],
      ['- 9:04 Paged', '19:01'],
      ['- 2021-12-13 14:30 Paged', '19:01'],
      ['- Dec 13, 3:04pm Paged', '7:01pm'],
    ];
    for (const [rows, expected] of cases) {
      const insertion = insertionAt(rows, 'Paged');
      assert.ok(insertion?.clock, rows);
      assert.equal(formatClock(19, 1, insertion.clock), expected, rows);
    }
    assert.equal(formatClock(0, 5, insertionAt('- 3:04pm Paged', 'Paged')!.clock), '12:05am');
  });

  test('an entry without a time takes the clock of the one before it', () => {
    assert.equal(formatClock(19, 1, insertionAt('- 3:04pm Paged\n- Later, acked', 'acked')!.clock), '7:01pm');
  });

  test('no row to copy when the row shares its line with other markup', () => {
    const insertion = insertionAt('<table><tr><td>3:04pm</td><td>Paged</td></tr>\n</table>', 'Paged');
    assert.equal(insertion?.shape.kind, 'html');
    assert.equal(insertion?.shape.kind === 'html' ? insertion.shape.template : 'x', undefined);
  });
});

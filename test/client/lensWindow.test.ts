import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_LENSES_UP_TO, covered, lensesToShow, lensWindow, servesWindow } from '../../client/src/lenses/lensWindow';

const lenses = (n: number, every = 5) => Array.from({ length: n }, (_, i) => ({ line: i * every }));

describe('code lenses near what the editor shows', () => {
  test('the visible lines widened by the margin, not below line 0, overlapping spans merged', () => {
    assert.deepEqual(lensWindow([{ start: 10, end: 50 }], 100), [{ start: 0, end: 150 }]);
    assert.deepEqual(lensWindow([{ start: 1000, end: 1040 }, { start: 500, end: 540 }], 100), [
      { start: 400, end: 640 },
      { start: 900, end: 1140 },
    ]);
    assert.deepEqual(lensWindow([{ start: 500, end: 540 }, { start: 700, end: 740 }], 100), [{ start: 400, end: 840 }]);
  });

  test('a document with up to the limit gets every lens, wherever the view is', () => {
    const all = lenses(ALL_LENSES_UP_TO);
    assert.equal(lensesToShow(all, (l) => l.line, [{ start: 0, end: 10 }]).length, ALL_LENSES_UP_TO);
  });

  test('above the limit, only the lenses starting inside the window', () => {
    const all = lenses(10_000);
    const shown = lensesToShow(all, (l) => l.line, lensWindow([{ start: 20_000, end: 20_040 }], 300));
    assert.deepEqual([shown[0].line, shown[shown.length - 1].line], [19_700, 20_340]);
    assert.equal(shown.length, (20_340 - 19_700) / 5 + 1);
  });

  test('the view inside the served window needs no new lenses; past it, it does', () => {
    const served = lensWindow([{ start: 1000, end: 1040 }], 300);
    assert.ok(covered([{ start: 800, end: 840 }], served));
    assert.ok(!covered([{ start: 1300, end: 1360 }], served));
    assert.ok(!covered([{ start: 1000, end: 1040 }, { start: 5000, end: 5040 }], served), 'a second editor elsewhere');
  });

  test('an answer of a large document, or of the first lines of one just opened, serves a window: moving the view asks again', () => {
    assert.equal(servesWindow({ total: ALL_LENSES_UP_TO }), false);
    assert.equal(servesWindow({ total: ALL_LENSES_UP_TO + 1 }), true);
    assert.equal(servesWindow({ total: 120, partial: true }), true);
  });
});

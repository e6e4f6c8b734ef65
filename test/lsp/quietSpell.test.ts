/** When an edit is validated: at once after a quiet spell, after the debounce inside a burst (a clock moved by hand). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QuietSpells } from '../../server/src/lsp/quietSpell';

describe('quiet spells', () => {
  test('opening, then a keystroke after a pause, are validated at once; the keystrokes of a burst wait', () => {
    let now = 0;
    const quiet = new QuietSpells(() => now);
    assert.equal(quiet.delayForEdit('a', 200), 0, 'just opened');
    now = 150;
    quiet.validated('a');
    now = 400; // 250 ms after the validation ended
    assert.equal(quiet.delayForEdit('a', 200), 0, 'a keystroke after a pause');
    now = 480;
    assert.equal(quiet.delayForEdit('a', 200), 200, 'the next one, 80 ms later, is part of a burst');
    now = 560;
    assert.equal(quiet.delayForEdit('a', 200), 200);
  });

  test('an edit right after a validation ended waits, however long the edit before it was', () => {
    let now = 0;
    const quiet = new QuietSpells(() => now);
    quiet.delayForEdit('a', 200);
    now = 5_000;
    quiet.validated('a'); // a slow validation
    now = 5_010;
    assert.equal(quiet.delayForEdit('a', 200), 200);
  });

  test('documents are apart; a closed one starts over', () => {
    let now = 0;
    const quiet = new QuietSpells(() => now);
    quiet.delayForEdit('a', 200);
    now = 10;
    assert.equal(quiet.delayForEdit('b', 200), 0, 'another document');
    assert.equal(quiet.delayForEdit('a', 200), 200);
    quiet.forget('a');
    assert.equal(quiet.delayForEdit('a', 200), 0, 'opened again');
  });

  test('no debounce, no wait', () => {
    let now = 0;
    const quiet = new QuietSpells(() => now);
    quiet.delayForEdit('a', 0);
    now = 1;
    assert.equal(quiet.delayForEdit('a', 0), 0);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileToOpen } from '../../client/src/report/reportMessage';

const FILES = ['file:///ws/postmortems/a.md', 'file:///ws/postmortems/b%20c.md', 'untitled:Untitled-1'];

describe('incident report webview: which file a message opens', () => {
  test('an index the server listed opens its file: URI', () => {
    assert.equal(fileToOpen({ type: 'open', file: 0 }, FILES), FILES[0]);
    assert.equal(fileToOpen({ type: 'open', file: 1 }, FILES), FILES[1]);
  });

  test('anything else opens nothing: other types, paths, out-of-range or odd indexes, other schemes', () => {
    for (const message of [
      undefined,
      null,
      'open',
      { type: 'open' },
      { type: 'open', file: '0' },
      { type: 'open', file: '/etc/passwd' },
      { type: 'open', file: -1 },
      { type: 'open', file: 3 },
      { type: 'open', file: 0.5 },
      { type: 'open', file: Number.NaN },
      { type: 'close', file: 0 },
      { type: 'open', file: 2 },
    ]) {
      assert.equal(fileToOpen(message, FILES), undefined, JSON.stringify(message));
    }
  });
});

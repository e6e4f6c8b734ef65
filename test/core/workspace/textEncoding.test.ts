import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText } from '../../../server/src/core/workspace/readFile';
import { encodeText, encodingOf, roundTrips } from '../../../server/src/core/workspace/textEncoding';

const TEXT = '# Post-mortem\r\n\r\nÜmlaut, 16:04pm, 😀\n';

describe('text encodings written back', () => {
  for (const [encoding, bytes] of [
    ['utf8', Buffer.from(TEXT)],
    ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
    ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
  ] as const) {
    it(`${encoding}: recognised, and the decoded text encodes to the same bytes`, () => {
      assert.equal(encodingOf(bytes), encoding);
      assert.equal(decodeText(bytes), TEXT);
      assert.deepEqual(encodeText(TEXT, encoding), bytes);
      assert.ok(roundTrips(bytes));
    });
  }

  it('bytes that do not decode to themselves are not written back: invalid UTF-8, odd UTF-16', () => {
    assert.ok(!roundTrips(Buffer.from([0x61, 0xff, 0x62])));
    assert.ok(!roundTrips(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])));
    assert.ok(!roundTrips(Buffer.from([0x61, 0xc3])), 'a sequence cut short');
  });
});

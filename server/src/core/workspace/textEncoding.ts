/**
 * How a document's text was stored, so that a fixed text is written back the same way: its
 * byte-order mark and encoding. Line breaks need nothing: fixes keep the document's own.
 */
import { decodeText } from './readFile';

export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export function encodingOf(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  return 'utf8';
}

/** The bytes of `text` as a file of this encoding holds them, byte-order mark included. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/**
 * Whether writing the decoded text back gives the very bytes read. Not so for invalid UTF-8 (it
 * decodes to U+FFFD) or a UTF-16 file of odd length: rewriting such a file would change bytes no
 * fix touched, so it is not rewritten.
 */
export function roundTrips(bytes: Uint8Array, encoding: TextEncoding = encodingOf(bytes)): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(encodeText(decodeText(bytes), encoding));
}

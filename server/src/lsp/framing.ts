/**
 * Checks the LSP base protocol's framing (`Content-Length: N\r\n\r\n` + N bytes) before
 * vscode-jsonrpc's reader sees the bytes. That reader reports a missing, negative or non-numeric
 * length as an error and then waits forever, and buffers whatever a huge declared length lets in;
 * a broken stream can only be ended: the guard reports the reason once and passes nothing more.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Far above maxFileSizeBytes (a didOpen carries the text, JSON-escaped: up to 6 bytes a character). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header block is two short lines; anything longer is not LSP. */
export const MAX_HEADER_BYTES = 8 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class FramingGuard extends Transform {
  /** Header bytes received so far (a header may arrive split over chunks). */
  private pending = Buffer.alloc(0);
  /** Body bytes of the current message still to pass through. */
  private bodyLeft = 0;
  private broken = false;

  constructor(
    private readonly onViolation: (reason: string) => void,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.broken) return done();
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    let offset = 0;
    while (offset < data.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length - offset);
        this.push(data.subarray(offset, offset + n));
        offset += n;
        this.bodyLeft -= n;
        continue;
      }
      const end = data.indexOf(HEADER_END, offset);
      const headerBytes = (end < 0 ? data.length : end) - offset;
      if (headerBytes > MAX_HEADER_BYTES) return this.fail(`message header longer than ${MAX_HEADER_BYTES} bytes`, done);
      if (end < 0) {
        this.pending = Buffer.from(data.subarray(offset));
        break;
      }
      const length = contentLength(data.toString('latin1', offset, end), this.maxMessageBytes);
      if (typeof length === 'string') return this.fail(length, done);
      this.push(data.subarray(offset, end + HEADER_END.length));
      offset = end + HEADER_END.length;
      this.bodyLeft = length;
    }
    done();
  }

  private fail(reason: string, done: TransformCallback): void {
    this.broken = true;
    this.pending = Buffer.alloc(0);
    this.onViolation(reason);
    done();
  }
}

/** The declared body length, or why the header block is not valid. */
function contentLength(header: string, max: number): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed header line ${quote(line)}`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `invalid Content-Length ${quote(value)}`;
    length = Number(value);
    if (length > max) return `Content-Length ${length} is over the ${max}-byte message limit`;
  }
  return length ?? 'message header without Content-Length';
}

/** At most 40 characters of what was received, escaped (it may hold anything). */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The one way to read a file the tool did not create itself (documents, config files, CA bundles,
 * PEM files): regular files only, and never more bytes than the purpose needs. A FIFO would block
 * a read forever, /dev/zero or a sparse file would fill memory; both are refused before reading.
 */
import * as fs from 'node:fs';
import { WorkspaceError, errnoReason } from './errors';

const KIB = 1024;
const MIB = 1024 * KIB;

/** The most each kind of file may hold; documents have their own limit (`maxFileSizeBytes`). */
export const READ_LIMITS = {
  config: 256 * KIB,
  /** A CA bundle: the whole Mozilla store is ~220 KB. */
  caBundle: 4 * MIB,
  pem: 1 * MIB,
  template: 1 * MIB,
  /** A front-matter JSON Schema: real ones are a few KB; the compiled validator grows with it. */
  schema: 256 * KIB,
} as const;

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; regular files
// ignore it. Windows has neither flag.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

export interface BoundedRead {
  bytes: Buffer;
  /** The file holds more than `maxBytes`; only the first `maxBytes + 1` were read (overflow: 'truncate'). */
  truncated: boolean;
}

export interface ReadLimit {
  maxBytes: number;
  /** `error` (the default) refuses a larger file; `truncate` reads one byte past the limit so the caller can tell. */
  overflow?: 'error' | 'truncate';
  /** What the file is, for messages ("config file", "CA file"). */
  what?: string;
}

function describeType(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MB` : `${Math.ceil(bytes / KIB)} KB`;
}

function checkStat(stat: fs.Stats, limit: ReadLimit, shown: string): void {
  if (!stat.isFile()) throw new WorkspaceError(`${shown}: ${describeType(stat)}, not read`);
  if (stat.size > limit.maxBytes && limit.overflow !== 'truncate') {
    throw new WorkspaceError(`${shown}: larger than ${sizeText(limit.maxBytes)} (the limit for a ${limit.what ?? 'file'} of this kind), not read`);
  }
}

function tooLarge(limit: ReadLimit, shown: string): WorkspaceError {
  return new WorkspaceError(`${shown}: larger than ${sizeText(limit.maxBytes)} (the limit for a ${limit.what ?? 'file'} of this kind), not read`);
}

/** Reads at most `limit.maxBytes` (+1 when truncating) of a regular file. Throws WorkspaceError. */
export function readBoundedFileSync(file: string, limit: ReadLimit, shown = file): BoundedRead {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw openError(e, shown);
  }
  try {
    const stat = fs.fstatSync(fd);
    checkStat(stat, limit, shown);
    const read = new BoundedBuffer(limit, stat.size);
    while (!read.full) {
      const { buffer, offset, length } = read.space();
      const n = fs.readSync(fd, buffer, offset, length, null);
      if (n === 0) break;
      read.added(n);
    }
    return finish(read.buffer, read.length, limit, shown);
  } catch (e) {
    throw e instanceof WorkspaceError ? e : new WorkspaceError(`${shown}: cannot read (${errnoReason(e)})`);
  } finally {
    fs.closeSync(fd);
  }
}

/** The asynchronous twin of readBoundedFileSync, for the server's and the CLI's document reads. */
export async function readBoundedFile(file: string, limit: ReadLimit, shown = file): Promise<BoundedRead> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (e) {
    throw openError(e, shown);
  }
  try {
    const stat = await handle.stat();
    checkStat(stat, limit, shown);
    const read = new BoundedBuffer(limit, stat.size);
    while (!read.full) {
      const { buffer, offset, length } = read.space();
      const { bytesRead } = await handle.read(buffer, offset, length, null);
      if (bytesRead === 0) break;
      read.added(bytesRead);
    }
    return finish(read.buffer, read.length, limit, shown);
  } catch (e) {
    throw e instanceof WorkspaceError ? e : new WorkspaceError(`${shown}: cannot read (${errnoReason(e)})`);
  } finally {
    await handle.close();
  }
}

/**
 * The buffer of one bounded read: sized from fstat (plus one byte, to see a file that grew), not
 * from the limit, since a report reads thousands of small files and 512 KiB each was most of its
 * garbage; it grows while the file does, never past the limit plus one byte.
 */
class BoundedBuffer {
  buffer: Buffer;
  length = 0;
  private readonly most: number;

  constructor(limit: ReadLimit, statSize: number) {
    this.most = limit.maxBytes + 1;
    this.buffer = Buffer.allocUnsafe(Math.min(this.most, Math.max(statSize, 0) + 1));
  }

  get full(): boolean {
    return this.length >= this.most;
  }

  /** Where the next read goes; a full buffer below the limit grows first. */
  space(): { buffer: Buffer; offset: number; length: number } {
    if (this.length === this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.most, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    return { buffer: this.buffer, offset: this.length, length: this.buffer.length - this.length };
  }

  added(n: number): void {
    this.length += n;
  }
}

function finish(buffer: Buffer, length: number, limit: ReadLimit, shown: string): BoundedRead {
  const truncated = length > limit.maxBytes;
  if (truncated && limit.overflow !== 'truncate') throw tooLarge(limit, shown);
  return { bytes: buffer.subarray(0, length), truncated };
}

function openError(e: unknown, shown: string): WorkspaceError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new WorkspaceError(`${shown}: no such file`, 'usage');
  return new WorkspaceError(`${shown}: cannot read (${openReason(e)})`);
}

/** Opening a socket file fails with ENXIO: say what it is rather than the code. */
function openReason(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code === 'ENXIO' ? 'a socket or device, not a regular file' : errnoReason(e);
}

/**
 * A file's text as the core expects it: without the byte-order mark (editors hide it, so columns
 * on the first line must not count it); UTF-16 when its BOM says so, else UTF-8. Line breaks are
 * left alone; the core reads LF and CRLF.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A small text file (config, CA bundle, PEM, template), whole or refused. */
export function readTextFileSync(file: string, limit: ReadLimit, shown = file): string {
  return decodeText(readBoundedFileSync(file, limit, shown).bytes);
}

/**
 * A document to lint. One byte past `maxBytes` is read from a larger file, so the core still sees
 * that it is too large (and says so in one finding) without the whole file in memory. `bytes`
 * are what was read, for `lint --fix` to write the fixed text back in the same encoding.
 */
export async function readDocumentFile(file: string, maxBytes: number, shown = file): Promise<DocumentRead> {
  return documentRead(await readBoundedFile(file, documentLimit(maxBytes), shown));
}

/** readDocumentFile for a thread that has nothing else to do meanwhile (a report worker). */
export function readDocumentFileSync(file: string, maxBytes: number, shown = file): DocumentRead {
  return documentRead(readBoundedFileSync(file, documentLimit(maxBytes), shown));
}

export interface DocumentRead {
  text: string;
  truncated: boolean;
  bytes: Buffer;
}

function documentLimit(maxBytes: number): ReadLimit {
  return { maxBytes, overflow: 'truncate', what: 'document' };
}

function documentRead({ bytes, truncated }: BoundedRead): DocumentRead {
  return { text: decodeText(bytes), truncated, bytes };
}

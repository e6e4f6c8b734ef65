/**
 * The one bounded reader: regular files only, a size cap per purpose, the read itself bounded.
 * FIFOs and devices would block or never end; sparse files would fill memory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkspaceError } from '../../../server/src/core/workspace/errors';
import { decodeText, readBoundedFile, readBoundedFileSync, readDocumentFile, readDocumentFileSync } from '../../../server/src/core/workspace/readFile';

let dir: string;
before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-read-'))));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const limit = { maxBytes: 1024, what: 'config file' };
const refused = (pattern: RegExp) => (e: unknown) => e instanceof WorkspaceError && pattern.test(e.message);

function fifo(name: string): string {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

describe('readBoundedFile', () => {
  it('refuses a named pipe at once instead of waiting for a writer', { timeout: 5000 }, async () => {
    const pipe = fifo('pipe');
    assert.throws(() => readBoundedFileSync(pipe, limit), refused(/pipe: a named pipe, not read/));
    await assert.rejects(readBoundedFile(pipe, limit), refused(/a named pipe, not read/));
  });

  it('refuses devices, also through a link (/dev/zero never ends)', { timeout: 5000 }, async () => {
    const link = path.join(dir, 'zero.yaml');
    fs.symlinkSync('/dev/zero', link);
    assert.throws(() => readBoundedFileSync(link, limit), refused(/a device, not read/));
    await assert.rejects(readDocumentFile(link, 5_000_000), refused(/a device, not read/));
  });

  it('refuses a folder', () => {
    assert.throws(() => readBoundedFileSync(dir, limit), refused(/a folder, not read/));
  });

  it('refuses a sparse file larger than the cap without reading it', { timeout: 5000 }, () => {
    const sparse = path.join(dir, 'sparse.pem');
    fs.closeSync(fs.openSync(sparse, 'w'));
    fs.truncateSync(sparse, 1024 ** 3);
    const before = process.memoryUsage().rss;
    assert.throws(() => readBoundedFileSync(sparse, limit), refused(/larger than 1 KB \(the limit for a config file/));
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'nothing of the file was read');
  });

  it('a document over the limit is read one byte past it, so the core can say it is too large', async () => {
    const big = path.join(dir, 'big.md');
    fs.writeFileSync(big, 'x'.repeat(5000));
    const read = await readDocumentFile(big, 1000);
    assert.equal(read.truncated, true);
    assert.equal(read.text.length, 1001);
    const whole = await readDocumentFile(big, 5000);
    assert.deepEqual({ text: whole.text, truncated: whole.truncated }, { text: 'x'.repeat(5000), truncated: false });
    assert.deepEqual(whole.bytes, Buffer.from('x'.repeat(5000)), 'the bytes read, for --fix to write back alike');
  });

  it('sizes its buffer to the file, not to the limit: a report reads thousands of small files', async () => {
    const small = path.join(dir, 'small.md');
    fs.writeFileSync(small, 'y'.repeat(5000));
    for (const read of [await readDocumentFile(small, 5_000_000), readDocumentFileSync(small, 5_000_000)]) {
      assert.equal(read.text, 'y'.repeat(5000));
      assert.ok(read.bytes.buffer.byteLength < 64 * 1024, `${read.bytes.buffer.byteLength} bytes held for a 5,000-byte file`);
    }
  });

  it('reads a file whose size the system does not tell (fstat says 0) whole, and still bounded', { skip: !fs.existsSync('/proc/version') }, async () => {
    const whole = fs.readFileSync('/proc/version', 'utf8');
    assert.equal(fs.statSync('/proc/version').size, 0, 'the case under test: a regular file that reports no size');
    assert.equal(readBoundedFileSync('/proc/version', limit).bytes.toString('utf8'), whole);
    assert.equal((await readBoundedFile('/proc/version', limit)).bytes.toString('utf8'), whole);
    const cut = readDocumentFileSync('/proc/version', 20);
    assert.deepEqual({ text: cut.text, truncated: cut.truncated }, { text: whole.slice(0, 21), truncated: true });
    const cutAsync = await readDocumentFile('/proc/version', 20);
    assert.deepEqual({ text: cutAsync.text, truncated: cutAsync.truncated }, { text: whole.slice(0, 21), truncated: true });
  });

  it('says "no such file" for a missing file, as a usage problem', () => {
    assert.throws(() => readBoundedFileSync(path.join(dir, 'nope'), limit, 'nope'), (e: unknown) => e instanceof WorkspaceError && e.kind === 'usage' && e.message === 'nope: no such file');
  });
});

describe('decodeText', () => {
  it('drops a UTF-8 byte-order mark and decodes UTF-16 by its mark', () => {
    assert.equal(decodeText(Buffer.from('\ufeff# Title', 'utf8')), '# Title');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Title', 'utf16le')])), '# Title');
    const be = Buffer.from('# T', 'utf16le').swap16();
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), '# T');
  });
});

/** The progress line of `lint` (files) and `lint --live` (hosts), on a terminal given by the test, with its clock. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { terminalProgress } from '../../server/src/cli/progress';

/** A terminal: what is written, kept. */
function terminal(): { stream: NodeJS.WritableStream & { isTTY: boolean; columns: number }; written: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY: true, columns: 100 },
  );
  return { stream, written: () => chunks.join('') };
}

describe('progress line', () => {
  it('files: nothing in the first second, then "checking files … done/total files", cleared at the end', () => {
    const tty = terminal();
    let now = 0;
    const progress = terminalProgress('files', { stream: tty.stream, now: () => now });
    progress(1, 10);
    now = 999;
    progress(4, 10);
    assert.equal(tty.written(), '');
    now = 1001;
    progress(5, 10);
    assert.match(tty.written(), /checking files \[.*\] 5\/10 files/);
    progress(10, 10);
    // clearOnComplete: the line is erased (ANSI "erase line") as the bar stops.
    assert.match(tty.written().slice(tty.written().lastIndexOf('5/10')), /\x1b\[2K|\x1b\[0K/);
    const after = tty.written().length;
    progress(10, 10);
    assert.equal(tty.written().length, after, 'nothing after the end');
  });

  it('files: a run done within the second prints nothing', () => {
    const tty = terminal();
    let now = 0;
    const progress = terminalProgress('files', { stream: tty.stream, now: () => now });
    progress(3, 4);
    now = 500;
    progress(4, 4);
    now = 5000;
    progress(4, 4);
    assert.equal(tty.written(), '');
  });

  it('hosts: shown from the first probe', () => {
    const tty = terminal();
    const progress = terminalProgress('hosts', { stream: tty.stream, now: () => 0 });
    progress(1, 3);
    assert.match(tty.written(), /probing certificates \[.*\] 1\/3 hosts/);
    progress(3, 3);
  });

  it('a message while the bar shows goes on a line of its own above it, and the bar is drawn again below it', () => {
    const tty = terminal();
    let now = 0;
    const progress = terminalProgress('files', { stream: tty.stream, now: () => now });
    progress(1, 10);
    assert.equal(progress.log('incident-docs: warning: before the bar'), false, 'no bar yet: the caller writes it');
    now = 1500;
    progress(2, 10);
    assert.equal(progress.log('incident-docs: warning: a.md is not UTF-8'), true);
    progress(6, 10);
    progress(10, 10);
    const written = tty.written();
    const message = written.indexOf('incident-docs: warning: a.md is not UTF-8\n');
    assert.ok(message > written.indexOf('2/10 files'), 'the message after the bar first showed');
    // The line the bar was on is erased before the message, so the two never share a line.
    assert.match(written.slice(0, message), /(\x1b\[2K|\x1b\[0K|\x1b\[K)$/);
    assert.ok(written.indexOf('files', message) > message, 'the bar drawn again below the message');
    assert.equal(progress.log('after the end'), false, 'the bar is gone: the caller writes it');
  });

  it('stop(): a run that ends before its total (a worker that died) removes the bar and leaves no timer behind', () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const tty = terminal();
    let now = 0;
    const progress = terminalProgress('files', { stream: tty.stream, now: () => now });
    now = 1500;
    progress(5, 10);
    assert.match(tty.written(), /5\/10 files/);
    assert.ok(timers() > before, 'the bar redraws on a timer while it shows');
    progress.stop();
    assert.equal(timers(), before, 'no timer left to keep the process alive');
    assert.match(tty.written().slice(tty.written().lastIndexOf('5/10')), /\x1b\[0J|\x1b\[2K/, 'the bar erased');
    const after = tty.written().length;
    progress(6, 10);
    progress.stop();
    assert.equal(tty.written().length, after, 'nothing after stop');
  });
});


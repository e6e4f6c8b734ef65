/**
 * Broken message framing over stdio: the real server ends with a non-zero exit code and says why on
 * stderr (the client restarts it), instead of waiting forever or buffering without bound.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const BROKEN_STREAM_EXIT_CODE = 3;

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Starts the server, writes `chunks` one after the other, and waits for it to exit (no ending of stdin). */
function serverGiven(chunks: (string | Buffer)[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
    // The server may exit before every chunk is written: a closed pipe is expected then.
    child.stdin.on('error', () => undefined);
    for (const chunk of chunks) child.stdin.write(chunk);
  });
}

function message(body: object): string {
  const json = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
}

const INITIALIZE = message({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

describe('broken message framing ends the server with a reason', { timeout: 30_000 }, () => {
  const cases: [string, (string | Buffer)[], RegExp][] = [
    ['a negative Content-Length', ['Content-Length: -5\r\n\r\n{}'], /invalid Content-Length "-5"/],
    ['a Content-Length that is no number', ['Content-Length: abc\r\n\r\n{}'], /invalid Content-Length "abc"/],
    ['no Content-Length', ['Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'], /without Content-Length/],
    ['a header line without a colon', ['hello\r\n\r\n'], /malformed header line "hello"/],
    ['a Content-Length over the message limit', ['Content-Length: 2000000000\r\n\r\n', Buffer.alloc(1 << 20, 120)], /2000000000 is over the 67108864-byte message limit/],
    ['a header that never ends', [Buffer.alloc(64 * 1024, 97)], /header longer than 8192 bytes/],
    ['a broken header after a valid message', [INITIALIZE, 'Content-Length: -1\r\n\r\n'], /invalid Content-Length "-1"/],
  ];
  for (const [name, chunks, reason] of cases) {
    test(name, async () => {
      const exit = await serverGiven(chunks);
      assert.equal(exit.code, BROKEN_STREAM_EXIT_CODE, exit.stderr);
      assert.match(exit.stderr, reason);
      assert.match(exit.stderr, /closing the connection/);
    });
  }

  test('a valid message split anywhere, even inside the header, is answered', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const answered = new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"id":1')) resolve(out);
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < INITIALIZE.length; i += 7) child.stdin.write(INITIALIZE.slice(i, i + 7));
    assert.match(await answered, /"capabilities"/);
    child.stdin.write(message({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + message({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await exited, 0);
  });
});

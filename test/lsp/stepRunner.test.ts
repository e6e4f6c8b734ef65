/**
 * The server's step runner (lsp/stepRunner.ts) in-process, where what happens between steps can be
 * counted: it gives the event loop a turn between slices, stops at once when cancelled or when the
 * budget is spent (budget 0: after the first step, whatever the machine's speed), and closes the
 * steps it stops (their `finally` runs).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Steps } from '../../server/src/core/steps';
import { runSteps, type StepControl } from '../../server/src/lsp/stepRunner';

/** `count` steps, recording each one run and whether the generator was closed. */
function counted(count: number, log: string[]): Steps<string> {
  return (function* () {
    try {
      for (let i = 0; i < count; i++) {
        log.push(`step ${i}`);
        yield;
      }
      return 'done';
    } finally {
      log.push('closed');
    }
  })();
}

function control(overrides: Partial<StepControl> = {}): StepControl {
  return { cancelled: () => false, budgetMs: Number.POSITIVE_INFINITY, spent: { ms: 0 }, ...overrides };
}

describe('runSteps', { timeout: 30_000 }, () => {
  test('runs every step and returns the value', async () => {
    const log: string[] = [];
    assert.deepEqual(await runSteps(counted(3, log), control()), { kind: 'done', value: 'done' });
    assert.deepEqual(log, ['step 0', 'step 1', 'step 2', 'closed']);
  });

  test('the event loop gets a turn between slices: with 0 ms slices, between every two steps', async () => {
    const log: string[] = [];
    let turns = 0;
    const tick = () => {
      log.push(`turn ${turns++}`);
      if (turns < 10) setImmediate(tick);
    };
    setImmediate(tick);
    const outcome = await runSteps(counted(3, log), control(), 0);
    assert.equal(outcome.kind, 'done');
    const steps = log.filter((l) => l.startsWith('step')).map((l) => log.indexOf(l));
    for (let i = 1; i < steps.length; i++) {
      assert.ok(log.slice(steps[i - 1], steps[i]).some((l) => l.startsWith('turn')), `a turn between steps: ${log.join(', ')}`);
    }
  });

  test('a message read during a slice is handled before the next slice, as the JSON-RPC reader queues it', async () => {
    // A Unix socket: the bytes are in the peer's receive queue when write() returns, so the next
    // poll phase reads them. The reader (vscode-jsonrpc) handles each message in a setImmediate
    // queued when it reads it; a request must not wait for the lint's next slice behind it.
    const dir = mkdtempSync(join(tmpdir(), 'incident-docs-steps-'));
    const path = join(dir, 'socket');
    const log: string[] = [];
    let accepted!: () => void;
    const peerReady = new Promise<void>((resolve) => (accepted = resolve));
    const server = createServer((peer) => {
      peer.on('data', () => setImmediate(() => log.push('message handled')));
      accepted();
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const client: Socket = createConnection(path);
    try {
      await Promise.all([new Promise<void>((resolve) => client.once('connect', resolve)), peerReady]);
      const steps = (function* () {
        log.push('step 0');
        client.write('{}');
        assert.equal(client.writableLength, 0, 'the write reached the kernel at once');
        yield;
        log.push('step 1');
        return 'done';
      })();
      assert.equal((await runSteps(steps, control(), 0)).kind, 'done');
      assert.deepEqual(log, ['step 0', 'message handled', 'step 1']);
    } finally {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cancelled: stops before the next slice and closes the steps', async () => {
    const log: string[] = [];
    let stop = false;
    const steps = (function* () {
      try {
        log.push('step 0');
        stop = true;
        yield;
        log.push('step 1');
        yield;
        return 'done';
      } finally {
        log.push('closed');
      }
    })();
    assert.deepEqual(await runSteps(steps, control({ cancelled: () => stop }), 0), { kind: 'cancelled' });
    assert.deepEqual(log, ['step 0', 'closed']);
  });

  test('a budget of 0 stops after the first step, with the time spent counted', async () => {
    const log: string[] = [];
    const spent = { ms: 0 };
    assert.deepEqual(await runSteps(counted(1000, log), control({ budgetMs: 0, spent })), { kind: 'over-budget' });
    assert.deepEqual(log, ['step 0', 'closed']);
    assert.ok(spent.ms >= 0);
  });

  test('the budget is shared by the runs of one version: what the first spent counts in the second', async () => {
    const log: string[] = [];
    const spent = { ms: 0 };
    assert.equal((await runSteps(counted(2, log), control({ budgetMs: 60_000, spent }))).kind, 'done');
    spent.ms = 60_000; // as if the parse had used it all
    assert.deepEqual(await runSteps(counted(5, log), control({ budgetMs: 60_000, spent })), { kind: 'over-budget' });
    assert.deepEqual(log.slice(3), ['step 0', 'closed']);
  });
});

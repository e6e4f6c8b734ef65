/**
 * `lint --live` holds V8's young generation at its initial size (cli/youngGeneration.ts): a live
 * run waits on the network holding the parsed inventories, and without that the parse alone grows
 * the young generation to 2 x 16 MB, kept to the end. Measured in the built CLI's own process:
 * a preload writes its heap spaces as it exits. The same inventory without --live shows that it
 * is large enough for the young generation to grow.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CLI } from './helpers';
import { addDays, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../helpers/tls';

const NOW = wholeSecondNow();
const ENTRIES = 3_000;
/** The young generation's initial size is 2 x 1 MB in Node 20; V8 grows it by doubling. */
const HELD_MB = 4;

const PRELOAD = `const { writeFileSync } = require('node:fs');
const { getHeapSpaceStatistics } = require('node:v8');
process.on('exit', () => {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  writeFileSync(process.env.HEAP_SPACES_FILE, JSON.stringify({ newSpaceBytes: space.space_size }));
});
`;

let server: TestTlsServer;
let dir: string;

before(async () => {
  const cert = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notAfter: addDays(NOW, 90) });
  server = await startTlsServer({ chain: [cert] });
  dir = mkdtempSync(join(tmpdir(), 'incident-docs-live-memory-'));
  writeFileSync(join(dir, 'preload.cjs'), PRELOAD);
  const entries = Array.from({ length: ENTRIES }, (_, i) =>
    [
      `  - name: service-${i}`,
      `    hosts: [${server.target}]`,
      `    expires: ${addDays(NOW, 30 + (i % 60)).toISOString().slice(0, 10)}`,
      `    owner: team-${i % 40}`,
      `    notify: [team-${i % 40}@example.com]`,
      '    renewal: { method: acme }',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'inventory.yaml'), `certificates:\n${entries.join('\n')}\n`);
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI's young generation (MB) as it exits, and the rules it reported; run asynchronously, as the TLS server is in this process. */
async function lintRun(args: string[]): Promise<{ youngMb: number; rules: Set<string> }> {
  const spaces = join(dir, 'spaces.json');
  rmSync(spaces, { force: true });
  const run = await promisify(execFile)(process.execPath, ['--require', join(dir, 'preload.cjs'), CLI, 'lint', ...args, '--now', NOW.toISOString(), '--format', 'json', 'inventory.yaml'], {
    cwd: dir,
    env: { ...process.env, HEAP_SPACES_FILE: spaces },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { code?: number; stdout: string; stderr: string }) => {
    // Exit 1 means findings: the run itself is fine.
    if (e.code === 1) return e;
    throw new Error(`lint ${args.join(' ')} failed (${e.code}): ${e.stderr}`);
  });
  const rules = new Set((JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule));
  return { youngMb: (JSON.parse(readFileSync(spaces, 'utf8')) as { newSpaceBytes: number }).newSpaceBytes / (1024 * 1024), rules };
}

describe('lint --live and the young generation', { timeout: 120_000 }, () => {
  it('grows past its initial size for a plain lint of this inventory', async () => {
    assert.ok((await lintRun([])).youngMb > HELD_MB);
  });

  it('stays at its initial size through the parse and the probes of --live', async () => {
    const { youngMb, rules } = await lintRun(['--live', '--timeout', '10000']);
    // The test's certificate is its own issuer: the probe reached the server and said so.
    assert.ok(rules.has('cert/live-untrusted') && !rules.has('cert/live-unreachable'), [...rules].join(', '));
    assert.ok(youngMb <= HELD_MB, `young generation ${youngMb} MB`);
  });
});

/**
 * A 5 MB post-mortem through the real server over stdio: it does not hold up the others (a hover on
 * a small document is answered while it is linted), an edit followed by another gets diagnostics
 * for the last version only, and a version that runs over the time budget says so in one finding.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, Range } from 'vscode-languageserver/node';
import { bigPostmortem } from '../helpers/bigPostmortem';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { NOW, positionOf, SEED } from '../lsp/fixtures';

const BIG = 'file:///tmp/incident-docs-big/postmortems/timeline.md';
const SMALL = 'file:///tmp/incident-docs-big/postmortems/small.md';
/** Bounds for states that take seconds on a busy 2-core machine; reaching one is a failure, not a wait. */
const LINT_TIMEOUT_MS = 180_000;
/** What the lint of bigPostmortem('table') finds (the CLI finds the same). */
const EXPECTED = ['pm/impact-timeline', 'pm/invalid-time', 'pm/required-section', 'pm/required-section', 'pm/required-section', 'pm/timeline-order'];

describe('a 5 MB post-mortem through the server', { timeout: 600_000 }, () => {
  const text = bigPostmortem('table');
  let client: LspTestClient;
  before(async () => {
    // A budget no machine reaches, so the whole lint runs (the default stops a slow one at 10 s).
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW, lintBudgetMs: LINT_TIMEOUT_MS } },
    });
  });
  after(() => client.stop());

  it('is linted while a hover on another document is answered, before its diagnostics come', async () => {
    await client.open(BIG, text);
    await client.open(SMALL, SEED);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: SMALL }, position: positionOf(SEED, '2:48pm') });
    assert.ok(hover, 'the hover on the small document has content');
    assert.deepEqual(
      client.published.filter((p) => p.uri === BIG),
      [],
      'the hover was answered while the big document was still being linted',
    );
    const published = await client.waitForDiagnostics(BIG, { version: 1, timeoutMs: LINT_TIMEOUT_MS });
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), EXPECTED);
  });

  it('an edit followed by another: diagnostics for the last version only', async () => {
    const mark = client.mark();
    const row = positionOf(text, '| 2026-03-05 ');
    const at: Range = { start: row, end: row };
    await client.edit(BIG, 2, at, '| 2026-03-05 09:00 | inserted |\n');
    await client.edit(BIG, 3, at, '| 2026-03-05 09:01 | inserted too |\n');
    const latest = await client.waitForDiagnostics(BIG, { version: 3, after: mark, timeoutMs: LINT_TIMEOUT_MS });
    // 09:01 then 09:00 then March 5's first entry (00:00): two more entries out of order.
    assert.deepEqual(latest.diagnostics.map((d) => d.code).sort(), [...EXPECTED, 'pm/timeline-order', 'pm/timeline-order'].sort());
    assert.deepEqual(
      client.published.slice(mark).filter((p) => p.uri === BIG).map((p) => p.version),
      [3],
      'version 2 was stopped by version 3, and nothing was published for it',
    );
  });
});

describe('a time budget per document version', { timeout: 300_000 }, () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      // Far below what a 5 MB post-mortem takes anywhere, far above what the seed post-mortem takes.
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW, lintBudgetMs: 1_500 } },
    });
  });
  after(() => client.stop());

  it('a lint over its budget stops with one finding that says so', async () => {
    await client.open(BIG, bigPostmortem('list'));
    const published = await client.waitForDiagnostics(BIG, { version: 1, timeoutMs: LINT_TIMEOUT_MS });
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity]),
      [['doc/too-large', 3]],
    );
    assert.match(String(published.diagnostics[0].message), /^Not fully checked: the lint took longer than 1\.5 s/);
    // The server is still there for small documents.
    await client.open(SMALL, SEED);
    assert.ok((await client.waitForDiagnostics(SMALL, { version: 1 })).diagnostics.some((d) => d.code === 'pm/invalid-time'));
  });
});

/**
 * A post-mortem just under the default maxFileSizeBytes through the real server over stdio: it
 * does not hold up the others (a hover on a small document is answered while it is linted, opened,
 * fixed on save or only scanned from disk), its findings are the CLI's, versions that queue up behind the
 * settings are never published but the last, and a version over the time budget says so in one
 * finding. Every wait is for a state, bounded by LINT_TIMEOUT_MS; the budget is an input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, Range } from 'vscode-languageserver/node';
import { LintFilesRequest, type LintFilesResult } from '../../contract/src/requests';
import { CLI, type JsonFinding } from '../cli/helpers';
import { bigPostmortem } from '../helpers/bigPostmortem';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { NOW, positionOf, SEED, tempDir, vscodeUri } from '../lsp/fixtures';

/** Bounds for states that take seconds on a busy 2-core machine; reaching one is a failure, not a wait. */
const LINT_TIMEOUT_MS = 180_000;
/** A budget no lint reaches, so the whole lint runs on any machine (the default stops one at 10 s of CPU). */
const NO_BUDGET = { lintBudgetMs: 3_600_000 };

/** What a finding and a diagnostic share: severity, rule, 0-based range, message. */
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const fromJson = (f: JsonFinding) => `${f.severity} ${f.rule} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.message}`;
const fromDiagnostic = (d: Diagnostic) =>
  `${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`;

/** The CLI's findings for a file, as keys. */
function cliFindings(file: string): string[] {
  const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--now', NOW, file], { cwd: path.dirname(file), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.stderr, '');
  return (JSON.parse(run.stdout) as JsonFinding[]).map(fromJson).sort();
}

describe('a post-mortem just under maxFileSizeBytes through the server', { timeout: 600_000 }, () => {
  const text = bigPostmortem('table');
  let ws: ReturnType<typeof tempDir>;
  let big: string;
  let small: string;
  let client: LspTestClient;
  before(async () => {
    ws = tempDir();
    mkdirSync(path.join(ws.dir, 'postmortems'));
    big = path.join(ws.dir, 'postmortems', 'timeline.md');
    small = path.join(ws.dir, 'postmortems', 'small.md');
    writeFileSync(big, text);
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(ws.dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW, ...NO_BUDGET } },
    });
    // The small document every test hovers on, open and linted before each big one comes.
    await client.open(vscodeUri(small), SEED);
    await client.waitForDiagnostics(vscodeUri(small), { version: 1 });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('a hover on another document is answered while it is linted; then its findings are the CLI’s', async () => {
    // Sent one after the other: the hover reaches the server while the big document's lint has only begun.
    await client.open(vscodeUri(big), text);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: vscodeUri(small) }, position: positionOf(SEED, '2:48pm') });
    assert.ok(hover, 'the hover on the small document has content');
    assert.deepEqual(
      client.published.filter((p) => p.uri === vscodeUri(big)).map((p) => p.version),
      [],
      'the hover was answered before the big document’s diagnostics',
    );
    const published = await client.waitForDiagnostics(vscodeUri(big), { version: 1, timeoutMs: LINT_TIMEOUT_MS });
    assert.deepEqual(published.diagnostics.map(fromDiagnostic).sort(), cliFindings(big));
    assert.ok(published.diagnostics.some((d) => d.code === 'pm/invalid-time') && published.diagnostics.some((d) => d.code === 'pm/timeline-order'));
    await client.close(vscodeUri(big));
  });

  it('fix-all (on save) lints its fixed text in slices too: a hover is answered first', async () => {
    // Empty rows in place of a few timeline rows: a safe fix (delete them), whose result fix-all lints again.
    const withEmptyRows = text.replace(/^\| 2026-03-02 10:1\d[^\n]*$/gm, '|  |  |');
    assert.notEqual(withEmptyRows, text);
    const uri = vscodeUri(path.join(ws.dir, 'postmortems', 'empty-rows.md'));
    await client.open(uri, withEmptyRows);
    await client.waitForDiagnostics(uri, { version: 1, timeoutMs: LINT_TIMEOUT_MS });
    let answered: CodeAction[] | undefined;
    const fixAll = client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.incidentDocs'] },
    });
    void fixAll.then((a) => (answered = a));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: vscodeUri(small) }, position: positionOf(SEED, '2:48pm') });
    assert.ok(hover);
    assert.equal(answered, undefined, 'the hover was answered before fix-all');
    const actions = await fixAll;
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.incidentDocs']);
    await client.close(uri);
  });

  it('Scan Workspace reads it from disk in slices too: a hover is answered first, and the findings are the CLI’s', async () => {
    const scan = client.request<LintFilesResult>(LintFilesRequest.method, { uris: [vscodeUri(big)] });
    let scanned: LintFilesResult | undefined;
    void scan.then((r) => (scanned = r));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: vscodeUri(small) }, position: positionOf(SEED, '2:48pm') });
    assert.ok(hover);
    assert.equal(scanned, undefined, 'the hover was answered before the scan of the big file');
    const result = await scan;
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.files[0].diagnostics.map(fromDiagnostic).sort(), cliFindings(big));
  });
});

describe('versions that queue up are never published, but the last', { timeout: 600_000 }, () => {
  const uri = 'file:///tmp/incident-docs-big/postmortems/timeline.md';
  const text = bigPostmortem('table');
  let client: LspTestClient;
  let release!: () => void;
  before(async () => {
    const released = new Promise<void>((resolve) => (release = resolve));
    // The client answers workspace/configuration only when the test says so: until then every
    // version waits for its settings, and the edits after it are read first.
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW, ...NO_BUDGET } },
      configuration: async (params) => {
        await released;
        return params.items.map(() => null);
      },
    });
  });
  after(() => client.stop());

  it('versions 1 and 2 stop for version 3: diagnostics for version 3 only, with its findings', async () => {
    const row = positionOf(text, '| 2026-03-04 ');
    const at: Range = { start: row, end: row };
    await client.open(uri, text);
    await client.edit(uri, 2, at, '| 2026-03-04 09:00 | inserted |\n');
    await client.edit(uri, 3, at, '| 2026-03-04 09:01 | inserted too |\n');
    // The answer to the settings request goes after both edits on the stream: the server reads them first.
    release();
    const latest = await client.waitForDiagnostics(uri, { version: 3, timeoutMs: LINT_TIMEOUT_MS });
    // 09:01, then 09:00, then March 4's first entry (00:00): the two after 09:01 are out of order.
    const order = latest.diagnostics.filter((d) => d.code === 'pm/timeline-order').map((d) => d.range.start.line);
    assert.ok(!order.includes(row.line) && order.includes(row.line + 1) && order.includes(row.line + 2), JSON.stringify(order));
    // A hover after the last diagnostics: everything the server had to send for this document is sent.
    await client.request('textDocument/hover', { textDocument: { uri }, position: row });
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [3],
    );
  });
});

describe('a time budget per document version', { timeout: 300_000 }, () => {
  const uri = 'file:///tmp/incident-docs-big/postmortems/timeline.md';
  let client: LspTestClient;
  before(async () => {
    // A budget of 0 stops every lint after its first step, however fast the machine.
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW, lintBudgetMs: 0 } } });
  });
  after(() => client.stop());

  it('a lint over its budget stops with one finding that says so, and the next version gets one too', async () => {
    const text = bigPostmortem('list');
    await client.open(uri, text);
    const first = await client.waitForDiagnostics(uri, { version: 1, timeoutMs: LINT_TIMEOUT_MS });
    assert.deepEqual(
      first.diagnostics.map((d) => [d.code, d.severity]),
      [['doc/too-large', 3]],
    );
    assert.match(String(first.diagnostics[0].message), /^Not fully checked: the lint took longer than 0 s, so findings may be missing\./);
    const line = positionOf(text, '- 2026-03-02 10:05').line;
    await client.edit(uri, 2, { start: { line, character: 0 }, end: { line, character: 0 } }, 'x');
    const second = await client.waitForDiagnostics(uri, { version: 2, timeoutMs: LINT_TIMEOUT_MS });
    assert.deepEqual(second.diagnostics.map((d) => d.code), ['doc/too-large']);
  });
});

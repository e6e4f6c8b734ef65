/**
 * The real server over stdio: every corpus document opened (ranges inside, same findings as a
 * fresh lint, deterministic), files over maxFileSizeBytes, and 10,000 rapid edits across several
 * documents (stays up, memory back near its baseline, final diagnostics not stale).
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { NOW, vscodeUri } from '../lsp/fixtures';
import fc from 'fast-check';
import { corpusFiles, seedDocuments } from './fuzz/documents';
import { fuzzCase, mutate } from './fuzz/mutations';
import { lineLengths, rangeProblem } from './fuzz/ranges';

const EDITS = 10_000;

function languageOf(file: string): string {
  return /\.(md|markdown)$/i.test(file) ? 'markdown' : 'yaml';
}

/** What a diagnostic and a finding have in common. */
/** LSP 3.18 lets a diagnostic's message be MarkupContent; this server always sends a string. */
function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}

function key(d: { code?: unknown; rule?: string; message: string | { value: string }; range: Diagnostic['range'] }): string {
  return `${String(d.code ?? d.rule)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${messageText(d.message)}`;
}

function expected(file: string, text: string): string[] {
  return lint({ path: file, text, languageId: languageOf(file) }, defaultConfig(), { now: new Date(NOW) }).map(key).sort();
}

function rssKb(client: LspTestClient): number {
  const child = (client as unknown as { process: ChildProcess }).process;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** A small deterministic generator: the same edits every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('server: corpus, limits and stress over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { debounceMs: 0, now: NOW } } });
  });
  after(() => client.stop());

  it('every corpus document: ranges inside, the findings of a fresh lint, the same on reopening', async () => {
    const files = corpusFiles();
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const uri = vscodeUri(file);
      await client.open(uri, text, languageOf(file));
      const first = await client.waitForDiagnostics(uri, { version: 1 });
      const lengths = lineLengths(text);
      for (const d of first.diagnostics) {
        assert.notEqual(d.code, 'doc/internal-error', messageText(d.message));
        assert.equal(rangeProblem(d.range, lengths), undefined, `${file}: ${d.code}`);
      }
      assert.deepEqual(first.diagnostics.map(key).sort(), expected(file, text), file);
      await client.close(uri);
      const mark = client.mark();
      await client.open(uri, text, languageOf(file));
      const again = await client.waitForDiagnostics(uri, { version: 1, after: mark });
      assert.deepEqual(again.diagnostics.map(key), first.diagnostics.map(key), `${file}: deterministic`);
      await client.close(uri);
    }
  });

  it('300 mutated corpus documents through the server: answered in time, ranges inside, server up', { timeout: 300_000 }, async () => {
    const cases = fc.sample(fuzzCase(seedDocuments()), { numRuns: 300, seed: 7 });
    const uri = 'untitled:fuzz';
    let version = 1;
    await client.open(uri, '', 'markdown', version);
    for (const c of cases) {
      const text = mutate(c.seed.text, c.mutations);
      version++;
      await client.replace(uri, version, text);
      // One untitled Markdown buffer whose whole text is replaced: YAML seeds become odd Markdown, also worth a try.
      // The bound finds a hang; it is far above the slowest document so a busy machine does not fail it.
      const published = await client.waitForDiagnostics(uri, { version, timeoutMs: 30_000 });
      const lengths = lineLengths(text);
      for (const d of published.diagnostics) {
        assert.notEqual(d.code, 'doc/internal-error', messageText(d.message));
        assert.equal(rangeProblem(d.range, lengths), undefined, `${String(d.code)} in a mutation of ${c.seed.file}`);
      }
    }
    await client.close(uri);
  });

  it('a document over maxFileSizeBytes gets one info diagnostic', async () => {
    const uri = 'file:///tmp/incident-docs-big/postmortems/big.md';
    await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { debounceMs: 0, now: NOW, maxFileSizeBytes: 1000 } } });
    await client.open(uri, '# Post-mortem\n\n' + 'text 16:04pm\n'.repeat(200));
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['doc/too-large', 3]]);
    await client.close(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { debounceMs: 0, now: NOW } } });
  });

  it(`${EDITS} rapid edits across several documents: up, memory back near baseline, final diagnostics fresh`, { timeout: 300_000 }, async () => {
    const files = corpusFiles().slice(0, 6);
    const docs = files.map((file) => ({ file, uri: vscodeUri(file) + '?stress', doc: TextDocument.create(vscodeUri(file), languageOf(file), 1, readFileSync(file, 'utf8')) }));
    for (const d of docs) await client.open(d.uri, d.doc.getText(), d.doc.languageId);
    for (const d of docs) await client.waitForDiagnostics(d.uri, { version: 1 });
    const next = random(9);
    const edit = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const d = docs[Math.floor(next() * docs.length)];
        const text = d.doc.getText();
        const at = Math.floor(next() * (text.length + 1));
        const remove = next() < 0.5 ? Math.floor(next() * 8) : 0;
        const insert = ['x', '\n', '| a | b |\n', '16:04pm ', '- [ ] item\n', '', '  ', '# Timeline\n'][Math.floor(next() * 8)];
        const range = { start: d.doc.positionAt(at), end: d.doc.positionAt(Math.min(text.length, at + remove)) };
        d.doc = TextDocument.update(d.doc, [{ range, text: insert }], d.doc.version + 1);
        await client.edit(d.uri, d.doc.version, range, insert);
      }
    };
    await edit(500);
    await new Promise((r) => setTimeout(r, 1_500));
    const baseline = rssKb(client);
    await edit(EDITS - 500);
    for (const d of docs) {
      const published = await client.waitForDiagnostics(d.uri, { version: d.doc.version, timeoutMs: 120_000 });
      assert.deepEqual(published.diagnostics.map(key).sort(), expected(d.file, d.doc.getText()), `${d.file}: stale or wrong diagnostics`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const settled = rssKb(client);
    // Memory comes back near where it was: growth per edit would be a leak of tens of MB by now.
    assert.ok(settled < baseline + 64 * 1024, `RSS ${baseline} kB before, ${settled} kB after`);
    await stillAnswers(client);
    for (const d of docs) await client.close(d.uri);
    console.log(`# stress: ${EDITS} edits over ${docs.length} documents; RSS ${Math.round(baseline / 1024)} MB -> ${Math.round(settled / 1024)} MB`);
  });
});

async function stillAnswers(client: LspTestClient): Promise<void> {
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: 'untitled:none' } });
  assert.deepEqual(symbols, []);
}

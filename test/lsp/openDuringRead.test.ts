/**
 * An inventory opened while a workspace read (the Certificates view's, at start-up) is parsing it
 * from disk: the open goes on from the read's parse instead of parsing the same text a second
 * time (lsp/readsInFlight.ts), the read's rows hold while the open is at that version, and the
 * findings are what an open alone finds. In-process, where the order of events is set exactly.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/core/config';
import type { Analysis } from '../../server/src/core/lint';
import { AnalysisCache } from '../../server/src/lsp/analyses';
import { LiveStore } from '../../server/src/lsp/liveStore';
import type { DocumentSettings } from '../../server/src/lsp/settings';

const NOW = new Date('2026-11-27T12:00:00Z');
const URI = 'file:///w/cert-inventory.yaml';
const config = defaultConfig();
const settings = { rootFor: () => undefined, resolve: async () => ({ config, problems: [] }) } as unknown as DocumentSettings;

/** Large enough that its parse takes several slices. */
function inventory(entries: number): string {
  const lines = ['certificates:'];
  for (let i = 0; i < entries; i++) {
    lines.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, `    owner: ${i % 50 === 0 ? 'jane.doe@gmail.com' : 'platform@example.com'}`, `    expires: ${i % 2 ? '2026-01-15' : '2027-09-01'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A cache over a set of open documents, which logs each open that went on from a read. */
function server() {
  const open = new Map<string, TextDocument>();
  const adopted: string[] = [];
  const cache = new AnalysisCache(settings, () => NOW, new LiveStore(), (uri) => open.get(uri), undefined, undefined, (uri) => adopted.push(uri));
  const openDocument = (text: string, version = 1) => {
    const document = TextDocument.create(URI, 'yaml', version, text);
    open.set(URI, document);
    return document;
  };
  return { cache, open, adopted, openDocument };
}

const source = (text: string) => ({ uri: URI, path: '/w/cert-inventory.yaml', text, truncated: false });
const yamlDocumentOf = (analysis: Analysis) => (analysis.parsed[0].model as { inventory?: { doc: unknown } }).inventory?.doc;
const shape = (findings: { rule: string; message: string }[]) => findings.map((f) => `${f.rule} ${f.message}`).sort();

describe('an open during a workspace read of the same file', { timeout: 30_000 }, () => {
  const text = inventory(1_500);

  test('goes on from the read’s parse: one parse, the findings an open alone finds', async () => {
    const { cache, adopted, openDocument } = server();
    // The read holds back until the open is analysed, as it does while open documents wait for
    // their diagnostics: the open waiting for its parse must let it go on, or neither would end.
    let openDone = false;
    const reading = cache.analyzeUnopened(source(text), config, () => false, () => (openDone ? 0 : 20), true);
    const document = openDocument(text);
    const opened = await cache.get(document);
    openDone = true;
    const read = await reading;
    assert.deepEqual(adopted, [URI]);
    assert.ok(yamlDocumentOf(read.analysis) !== undefined);
    assert.equal(yamlDocumentOf(opened.analysis), yamlDocumentOf(read.analysis), 'the YAML was parsed once');

    const alone = server();
    const expected = await alone.cache.get(alone.openDocument(text));
    assert.deepEqual(alone.adopted, []);
    assert.ok(expected.findings.length > 0);
    assert.deepEqual(shape(opened.findings), shape(expected.findings));
  });

  test('the read’s work on the parse holds while the open is at that version, and stops at the next', async () => {
    const { cache, openDocument } = server();
    const reading = cache.analyzeUnopened(source(text), config, () => false, () => 0, true);
    const document = openDocument(text);
    await cache.get(document);
    const read = await reading;
    assert.equal(read.current(), true);
    // The next version re-parses from the same model, in place.
    TextDocument.update(document, [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } }, text: 'x' }], 2);
    cache.changed(document);
    await cache.get(document);
    assert.equal(read.current(), false);
    read.release();
  });

  test('a read that is not adoptable, or of other text, is left alone: the open parses itself', async () => {
    for (const [adoptable, readText] of [
      [false, text],
      [true, text.replace('svc-7.example.com', 'svc-7.example.org')],
    ] as const) {
      const { cache, adopted, openDocument } = server();
      const reading = cache.analyzeUnopened(source(readText), config, () => false, () => 0, adoptable);
      const [read, opened] = await Promise.all([reading, cache.get(openDocument(text))]);
      assert.deepEqual(adopted, []);
      assert.notEqual(yamlDocumentOf(opened.analysis), yamlDocumentOf(read.analysis));
      assert.equal(read.current(), true, 'its parse is still its own');
    }
  });

  test('a read cancelled before its parse is complete: the open parses itself', async () => {
    const { cache, adopted, openDocument } = server();
    let cancelled = false;
    const reading = cache.analyzeUnopened(source(text), config, () => cancelled, () => 0, true);
    const opening = cache.get(openDocument(text));
    cancelled = true;
    await assert.rejects(reading);
    const opened = await opening;
    assert.deepEqual(adopted, []);
    assert.ok(opened.findings.length > 0);
  });

  test('an edit while the open waits: the stopped version takes nothing, the next parses its own text', async () => {
    const { cache, adopted, openDocument } = server();
    const reading = cache.analyzeUnopened(source(text), config, () => false, () => 0, true);
    const document = openDocument(text);
    const first = cache.get(document);
    // Settled just before the first version starts to wait for the read's parse.
    await cache.preview(document);
    TextDocument.update(document, [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } }, text: 'x' }], 2);
    cache.changed(document);
    const second = cache.get(document);
    const [read, a, b] = await Promise.all([reading, first, second]);
    assert.deepEqual(adopted, []);
    assert.equal(read.current(), true, 'the read keeps its parse');
    assert.deepEqual([a.version, b.version], [2, 2]);
    assert.ok(b.analysis.document.text.includes('name: svc-0x'));
  });

  test('a new generation of settings while the open waits: the open parses under the new one', async () => {
    const { cache, adopted, openDocument } = server();
    const reading = cache.analyzeUnopened(source(text), config, () => false, () => 0, true);
    const document = openDocument(text);
    const opening = cache.get(document);
    await cache.preview(document);
    cache.invalidateAll();
    const [, opened] = await Promise.all([reading, opening]);
    assert.deepEqual(adopted, []);
    assert.ok(opened.findings.length > 0);
  });
});

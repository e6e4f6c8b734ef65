/**
 * The server's analysis cache (lsp/analyses.ts) in-process, where the order of events can be set
 * exactly: a version stopped while its settings are still coming hands over to the next one (no
 * wait on each other), a newer version's waiters get its analysis, and a closed document's
 * analysis ends with AnalysisCancelled.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/core/config';
import { AnalysisCache, AnalysisCancelled } from '../../server/src/lsp/analyses';
import { LiveStore } from '../../server/src/lsp/liveStore';
import type { DocumentSettings } from '../../server/src/lsp/settings';
import { SEED } from './fixtures';

const NOW = new Date('2026-11-27T12:00:00Z');

/** Settings that answer only when the test says so, as a client that is slow to answer workspace/configuration. */
function heldSettings(): { settings: DocumentSettings; release: () => void } {
  const config = defaultConfig();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const settings = { rootFor: () => undefined, resolve: async () => (await released, { config, problems: [] }) };
  return { settings: settings as unknown as DocumentSettings, release };
}

describe('analysis cache', { timeout: 60_000 }, () => {
  test('a version stopped before its settings came hands over to the next, which is analysed', async () => {
    const { settings, release } = heldSettings();
    const document = TextDocument.create('file:///w/postmortems/a.md', 'markdown', 1, SEED);
    const cache = new AnalysisCache(settings, () => NOW, new LiveStore(), (uri) => (uri === document.uri ? document : undefined));
    const first = cache.get(document);
    TextDocument.update(document, [{ text: SEED.replace('16:04pm', '16:05pm') }], 2);
    cache.changed(document);
    const second = cache.get(document);
    release();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b, 'the stopped version answers with the newer analysis');
    assert.equal(b.version, 2);
    assert.ok(b.findings.some((f) => f.message.includes('16:05pm')));
  });

  test('settings changed (a new generation) while a version waits, then an edit: both settle on the last version', async () => {
    const { settings, release } = heldSettings();
    const document = TextDocument.create('file:///w/postmortems/b.md', 'markdown', 1, SEED);
    const cache = new AnalysisCache(settings, () => NOW, new LiveStore(), () => document);
    const first = cache.get(document);
    cache.invalidateAll();
    const again = cache.get(document);
    TextDocument.update(document, [{ text: `${SEED}\n` }], 2);
    cache.changed(document);
    const last = cache.get(document);
    release();
    const results = await Promise.all([first, again, last]);
    assert.deepEqual(results.map((r) => r.version), [2, 2, 2]);
  });

  test('a closed document: whoever waited gets AnalysisCancelled', async () => {
    const { settings, release } = heldSettings();
    const open = new Map<string, TextDocument>();
    const cache = new AnalysisCache(settings, () => NOW, new LiveStore(), (uri) => open.get(uri));
    const document = TextDocument.create('file:///w/postmortems/c.md', 'markdown', 1, SEED);
    open.set(document.uri, document);
    const pending = cache.get(document);
    open.delete(document.uri);
    cache.delete(document.uri);
    release();
    await assert.rejects(pending, AnalysisCancelled);
  });

  test('closed and opened again under the same URI while analysed: the URI gets the new text, not the old at version 1', async () => {
    const { settings, release } = heldSettings();
    const open = new Map<string, TextDocument>();
    const cache = new AnalysisCache(settings, () => NOW, new LiveStore(), (uri) => open.get(uri));
    const uri = 'untitled:Untitled-1';
    const before = TextDocument.create(uri, 'markdown', 1, SEED);
    open.set(uri, before);
    const pending = cache.get(before);
    // VS Code reuses an untitled name once its document is closed; versions start again at 1.
    cache.delete(uri);
    const after = TextDocument.create(uri, 'markdown', 1, SEED.replace('16:04pm', '16:07pm'));
    open.set(uri, after);
    release();
    const stopped = await pending;
    const current = await cache.get(after);
    assert.equal(stopped, current, 'the stopped analysis answers with the open document\'s');
    assert.ok(current.findings.some((f) => f.message.includes('16:07pm')), 'the new text was analysed');
    assert.ok(!current.findings.some((f) => f.message.includes('16:04pm')), 'not the closed one');
  });
});

/**
 * At a cold open nothing of a document shows until the server answers. A large inventory's first
 * lines are checked before the whole document is parsed (core/preview.ts): the first finding of
 * each rule there is published at once, and the code lenses of those lines come from that look.
 * Lenses elsewhere need the parse, not the findings: they are answered once the parse is complete,
 * while the lint goes on (AnalysisCache.parsed). What comes first is what the whole document's
 * answers say there. The real server over stdio.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CodeLensesNearRequest, type CodeLensesNearResult } from '../../contract/src/requests';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST } from './fixtures';

/** 12,000 lines: large enough for a preview, and for the lint to take many of the server's slices after the parse. */
function inventory(entries: number): string {
  const lines = ['certificates:'];
  for (let i = 0; i < entries; i++) {
    lines.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, '    owner: platform@example.com', `    expires: ${i % 2 ? '2020-01-15' : '2099-01-15'}`);
    if (i % 40 === 7) lines.push('    colour: blue');
  }
  return lines.join('\n') + '\n';
}

/** The whole document's diagnostics: 1,500 expired entries are one problem listing them. */
const whole = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => (d.relatedInformation?.length ?? 0) > 0);
const place = (d: { code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('a large inventory at a cold open', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, maxFileSizeBytes: 4_000_000 } } });
  });
  after(() => client.stop());

  /** A lens with its title, resolved as the editor would when it shows it. */
  const titled = async (lens: CodeLens) => {
    const resolved = lens.command ? lens : await client.request<CodeLens>('codeLens/resolve', lens);
    return `${lens.range.start.line}:${lens.range.start.character} ${resolved.command?.title}`;
  };

  test('its first lines show the first finding of each rule at once, where the whole document shows it', async () => {
    const uri = 'untitled:cert-inventory-preview.yaml';
    const mark = client.mark();
    await client.open(uri, inventory(3_000), 'yaml');
    const final = await client.waitForDiagnostics(uri, { version: 1, after: mark, where: whole });
    const [first, ...rest] = client.published.slice(mark).filter((p) => p.uri === uri);
    assert.equal(rest.at(-1), final, 'the whole document last');
    assert.ok(!whole(first), 'the first lines first');
    assert.ok(client.previews.has(first) && !client.previews.has(final), 'the first announced in the log as a preview');
    assert.equal(await client.waitForDiagnostics(uri, { version: 1, after: mark }), final, 'the whole document\'s, unless a preview is asked for');
    assert.deepEqual(first.diagnostics.map((d) => d.code).sort(), ['cert/expired', 'cert/missing-field', 'cert/unknown-key']);
    assert.ok(first.diagnostics.every((d) => d.range.start.line < 420), 'within the first lines');
    const shown = new Set(final.diagnostics.map(place));
    for (const d of first.diagnostics) assert.ok(shown.has(place(d)), `${place(d)} is where the whole document shows it`);
    await client.close(uri);
  });

  test('the lenses of its first lines come from that look, and are what the whole document gives', async () => {
    const uri = 'untitled:cert-inventory-preview-lenses.yaml';
    const near = { textDocument: { uri }, lines: [{ start: 0, end: 80 }], visible: [{ start: 0, end: 40 }] };
    const mark = client.mark();
    await client.open(uri, inventory(3_000), 'yaml');
    const early = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, near);
    assert.ok(!client.published.slice(mark).some(whole), 'answered before the whole document is checked');
    assert.equal(early.partial, true);
    assert.match(early.lenses[0].command?.title ?? '', /^Expires in \d[\d,]* days/, "the first entry's lens, titled");

    await client.waitForDiagnostics(uri, { version: 1, after: mark, where: whole });
    const later = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, near);
    assert.equal(later.partial, undefined);
    assert.equal(later.total, 6_000);
    assert.deepEqual(await Promise.all(early.lenses.map(titled)), await Promise.all(later.lenses.map(titled)));
    await client.close(uri);
  });

  test('lenses beyond its first lines come once the parse is complete, before the lint is done', async () => {
    const uri = 'untitled:cert-inventory-cold.yaml';
    const near = { textDocument: { uri }, lines: [{ start: 8_000, end: 8_080 }], visible: [{ start: 8_000, end: 8_040 }] };
    const mark = client.mark();
    await client.open(uri, inventory(3_000), 'yaml');
    const lenses = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, near);
    assert.ok(!client.published.slice(mark).some(whole), 'no diagnostics of the whole document yet when the lenses are answered');
    assert.equal(lenses.partial, undefined);
    assert.equal(lenses.total, 6_000);
    assert.match(lenses.lenses[0].command?.title ?? '', /^(Expires in \d[\d,]* days|Expired \d[\d,]* days ago)/, 'the first lens there, titled');

    await client.waitForDiagnostics(uri, { version: 1, after: mark, where: whole });
    assert.deepEqual(await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, near), lenses);
    await client.close(uri);
  });
});

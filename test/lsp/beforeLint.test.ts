/**
 * At a cold open nothing of a document shows until the server answers. Code lenses need the parse,
 * not the findings: they are answered once the parse is complete, while the lint goes on
 * (server/src/lsp/analyses.ts, AnalysisCache.parsed). Later versions wait for the lint as
 * diagnostics do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeLensesNearRequest, type CodeLensesNearResult } from '../../contract/src/requests';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST } from './fixtures';

/** Large enough that the lint takes many of the server's slices after the parse. */
function inventory(entries: number): string {
  const lines = ['certificates:'];
  for (let i = 0; i < entries; i++) lines.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, '    owner: platform@example.com', `    expires: ${i % 2 ? '2020-01-15' : '2099-01-15'}`);
  return lines.join('\n') + '\n';
}

describe('answers that need no findings, at a cold open', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, maxFileSizeBytes: 4_000_000 } } });
  });
  after(() => client.stop());

  test('lenses come before the first diagnostics, and are what comes after them', async () => {
    const uri = 'untitled:cert-inventory-cold.yaml';
    const lensesNear = { textDocument: { uri }, lines: [{ start: 0, end: 80 }], visible: [{ start: 0, end: 40 }] };
    const mark = client.mark();
    await client.open(uri, inventory(3_000), 'yaml');
    const lenses = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, lensesNear);
    assert.equal(client.mark(), mark, 'no diagnostics published yet when the lenses are answered');
    assert.equal(lenses.total, 6_000);
    assert.match(lenses.lenses[0].command?.title ?? '', /^Expires in \d[\d,]* days/, 'the first entry\'s lens, titled');

    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(published.diagnostics.length > 0);
    assert.deepEqual(await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, lensesNear), lenses);
    await client.close(uri);
  });
});

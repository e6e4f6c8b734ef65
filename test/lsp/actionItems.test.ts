/** Action items' owners and due dates through the real server over stdio. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, positionOf, withRule } from './fixtures';

const TEXT = [
  '# Post-mortem: certificate expiry',
  '',
  '## Action Items',
  '',
  '| Action Item | Owner | Due | Status |',
  '| --- | --- | --- | --- |',
  '| Alert on expiry (OPS-1) | @jane | 2026-10-01 | In progress |',
  '| Rotate keys (OPS-2) | TBD | 1 Oct 2026 | Erledigt |',
  '',
  '- [ ] Move notices (OPS-3) (due: 2026-12-01)',
  '',
].join('\n');

const rangeOf = (needle: string) => {
  const start = positionOf(TEXT, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
};
const ranges = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.range);

describe('action items over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    // FAST fixes "now" at 2026-11-27T12:00:00Z.
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      initializationOptions: { incidentDocs: { ...FAST, rules: { 'pm/action-item-owner': 'info' } } },
    });
  });
  after(() => client.stop());

  test('overdue items and items without an owner are diagnostics at the date and the owner cell', async () => {
    const uri = 'untitled:actions-open';
    await client.open(uri, TEXT);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const overdue = withRule(published, 'pm/action-item-overdue');
    assert.deepEqual(ranges(overdue), [rangeOf('2026-10-01'), rangeOf('1 Oct 2026')]);
    assert.equal(overdue[0].severity, DiagnosticSeverity.Warning);
    assert.equal(overdue[0].message, 'Action item was due on 2026-10-01 (57 days ago) and its status is “In progress”: “Alert on expiry (OPS-1)”.');
    const owner = withRule(published, 'pm/action-item-owner');
    assert.deepEqual(ranges(owner), [rangeOf('TBD'), rangeOf('Move notices (OPS-3) (due: 2026-12-01)')]);
    assert.equal(owner[0].severity, DiagnosticSeverity.Information);
    await client.close(uri);
  });

  test('an edit that marks the item done clears its finding', async () => {
    const uri = 'untitled:actions-edit';
    await client.open(uri, TEXT);
    await client.waitForDiagnostics(uri, { version: 1 });
    await client.edit(uri, 2, rangeOf('In progress'), 'Done');
    const edited = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(ranges(withRule(edited, 'pm/action-item-overdue')), [rangeOf('1 Oct 2026')]);
    await client.close(uri);
  });

  test('actionItemDoneWords pushed as a setting applies', async () => {
    const uri = 'untitled:actions-words';
    await client.open(uri, TEXT);
    await client.waitForDiagnostics(uri, { version: 1 });
    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', {
      settings: { incidentDocs: { ...FAST, actionItemDoneWords: ['done', 'erledigt'], rules: { 'pm/action-item-owner': 'info' } } },
    });
    const pushed = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.deepEqual(ranges(withRule(pushed, 'pm/action-item-overdue')), [rangeOf('2026-10-01')]);
    // The done item needs no owner either.
    assert.deepEqual(ranges(withRule(pushed, 'pm/action-item-owner')), [rangeOf('Move notices (OPS-3) (due: 2026-12-01)')]);
    await client.close(uri);
  });
});

describe('action items over stdio, a later "now"', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, now: '2026-12-02T09:00:00Z' } } });
  });
  after(() => client.stop());

  test('the list item is overdue too; the owner rule is off by default', async () => {
    const uri = 'untitled:actions-later';
    await client.open(uri, TEXT);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(ranges(withRule(published, 'pm/action-item-overdue')), [rangeOf('2026-10-01'), rangeOf('1 Oct 2026'), rangeOf('2026-12-01')]);
    assert.deepEqual(withRule(published, 'pm/action-item-owner'), []);
    await client.close(uri);
  });
});

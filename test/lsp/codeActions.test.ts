import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { applyEdits, FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { codes, FAST, SEED, withRule } from './fixtures';

/** The edits of a one-document WorkspaceEdit, in either shape, with the version it was made for. */
function editsOf(edit: WorkspaceEdit | undefined, uri: string): { edits: TextEdit[]; version?: number | null } {
  const change = edit?.documentChanges?.[0];
  if (change && 'edits' in change) {
    assert.equal(change.textDocument.uri, uri);
    return { edits: change.edits as TextEdit[], version: change.textDocument.version };
  }
  return { edits: edit?.changes?.[uri] ?? [] };
}

function quickFixes(actions: CodeAction[], diagnostic: Diagnostic): CodeAction[] {
  return actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === diagnostic.code && JSON.stringify(d.range) === JSON.stringify(diagnostic.range)));
}

/** Lines of `before` missing from `after` (both as line lists), in order; fails if `after` has lines `before` lacks. */
function removedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const removed: string[] = [];
  let j = 0;
  for (const line of a) {
    if (j < b.length && b[j] === line) j++;
    else removed.push(line);
  }
  assert.equal(j, b.length, 'the fix only removes lines');
  return removed;
}

describe('quick fixes', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('deleting the empty rows gives a document without them', async () => {
    const uri = 'untitled:fix-rows';
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const emptyRows = withRule(published, 'pm/empty-row');
    assert.ok(emptyRows.length > 1, 'the seed has several empty rows');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: emptyRows[0].range,
      context: { diagnostics: [emptyRows[0]] },
    });
    const [fix] = quickFixes(actions, emptyRows[0]);
    assert.ok(fix?.edit, 'an empty row has a quick fix');
    const { edits, version } = editsOf(fix.edit, uri);
    assert.equal(version, 1, 'the edit names the version it was computed for');

    const fixed = applyEdits(SEED, edits);
    const removed = removedLines(SEED, fixed);
    assert.ok(removed.length >= emptyRows.length * 2);
    for (const line of removed) assert.match(line, /^\s*(<tr[^>]*>|<\/tr>|<td>\s*<\/td>)?\s*$/, 'only empty-row markup goes');

    await client.replace(uri, 2, fixed);
    const after = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(withRule(after, 'pm/empty-row'), []);
    assert.ok(codes(after).includes('pm/invalid-time'), 'other findings are untouched');
    await client.close(uri);
  });

  test('a fix shared by several findings is offered once, naming all of them', async () => {
    const uri = 'untitled:fix-shared';
    await client.open(uri, SEED);
    const emptyRows = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/empty-row');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: emptyRows[0].range.start, end: emptyRows.at(-1)!.range.end },
      context: { diagnostics: emptyRows },
    });
    const keys = actions.map((a) => JSON.stringify([a.title, editsOf(a.edit, uri).edits]));
    assert.equal(new Set(keys).size, keys.length, 'no duplicate actions');
    const named = new Set(actions.flatMap((a) => a.diagnostics ?? []).map((d) => JSON.stringify(d.range)));
    for (const row of emptyRows) assert.ok(named.has(JSON.stringify(row.range)), 'every row is named by an action');
    await client.close(uri);
  });

  test('findings under the cursor get fixes even when the client sends no diagnostics', async () => {
    const uri = 'untitled:fix-cursor';
    await client.open(uri, SEED);
    const [guidance] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/template-text');
    const guidanceText = textAt(SEED, guidance.range);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: guidance.range.start, end: guidance.range.start },
      context: { diagnostics: [] },
    });
    const [remove] = quickFixes(actions, guidance);
    assert.ok(remove, 'template text can be removed');
    const fixed = applyEdits(SEED, editsOf(remove.edit, uri).edits);
    assert.ok(SEED.includes(guidanceText) && !fixed.includes(guidanceText));
    assert.ok(fixed.length < SEED.length);
    await client.close(uri);
  });

  test('only: ["source"] gets no quick fixes (only the fix-all source action); a range without findings gets none', async () => {
    const uri = 'untitled:fix-none';
    await client.open(uri, SEED);
    const [row] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/empty-row');
    const sourceOnly = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: row.range,
      context: { diagnostics: [row], only: ['source'] },
    });
    assert.deepEqual(sourceOnly.map((a) => a.kind), ['source.fixAll.incidentDocs']);
    const title = { line: 1, character: 3 }; // front matter: nothing to fix there
    const nothing = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: title, end: title },
      context: { diagnostics: [] },
    });
    assert.deepEqual(nothing, []);
    await client.close(uri);
  });
});

describe('disable a rule for this line, show its documentation', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  const key = (d: Diagnostic) => `${d.code} ${d.message}`;

  test('every rule the seed reports: both actions; the disable one silences that finding and changes no other', async () => {
    const uri = 'untitled:disable-seed';
    await client.open(uri, SEED);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const rules = [...new Set(codes(published))];
    assert.ok(rules.length >= 5, `the seed reports several rules: ${rules.join(', ')}`);
    let version = 1;
    for (const rule of rules) {
      const [diagnostic] = withRule(published, rule);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const titles = quickFixes(actions, diagnostic).map((a) => a.title);
      assert.ok(titles.includes(`Show documentation for ${rule}`), `${rule}: ${titles.join(' | ')}`);
      const disable = quickFixes(actions, diagnostic).find((a) => a.title === `Disable incident-docs rule ${rule} for this line`);
      assert.ok(disable?.edit, `${rule}: ${titles.join(' | ')}`);
      const silenced = applyEdits(SEED, editsOf(disable.edit, uri).edits);
      await client.replace(uri, ++version, silenced);
      const after = await client.waitForDiagnostics(uri, { version });
      const stays = published.diagnostics.filter((d) => !(d.code === rule && d.range.start.line === diagnostic.range.start.line));
      assert.deepEqual(after.diagnostics.map(key).sort(), stays.map(key).sort(), `${rule}: only the finding on its line goes`);
      await client.replace(uri, ++version, SEED);
      await client.waitForDiagnostics(uri, { version });
    }
    await client.close(uri);
  });

  test('in an inventory the comment is YAML’s', async () => {
    const uri = 'untitled:disable-inventory.yaml';
    const text = 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: jane.doe@gmail.com\n    notify: [sre-oncall@example.com]\n    expires: 2030-01-01\n';
    await client.open(uri, text, 'yaml');
    const [personal] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'cert/personal-email');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: personal.range, context: { diagnostics: [personal] } });
    const disable = actions.find((a) => a.title === 'Disable incident-docs rule cert/personal-email for this line');
    assert.equal(applyEdits(text, editsOf(disable?.edit, uri).edits), text.replace('    owner:', '    # incident-docs-disable-next-line cert/personal-email\n    owner:'));
    await client.close(uri);
  });

  test('Show documentation asks the client to open the rule’s section of the reference', async () => {
    const uri = 'untitled:docs-seed';
    await client.open(uri, SEED);
    const [invalid] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/invalid-time');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: invalid.range, context: { diagnostics: [invalid] } });
    const docs = actions.find((a) => a.title === 'Show documentation for pm/invalid-time');
    assert.ok(docs?.command && !docs.edit);
    assert.ok(client.initializeResult.capabilities.executeCommandProvider?.commands.includes(docs.command.command));
    const shown = client.shownDocuments.length;
    const result = await client.request<{ uri: string; success: boolean }>('workspace/executeCommand', { command: docs.command.command, arguments: docs.command.arguments });
    assert.deepEqual(client.shownDocuments.slice(shown), [{ uri: invalid.codeDescription!.href, external: true }], 'the page the diagnostic’s code links to');
    assert.deepEqual(result, { uri: invalid.codeDescription!.href, success: true });
    await assert.rejects(client.request('workspace/executeCommand', { command: docs.command.command, arguments: ['pm/no-such-rule'] }), /not a rule of incident-docs/);
    // A whole-document finding has its section of the reference too.
    const tooLarge = await client.request<{ uri: string }>('workspace/executeCommand', { command: docs.command.command, arguments: ['doc/too-large'] });
    assert.match(tooLarge.uri, /rules\.md#doctoo-large$/);
    await client.close(uri);
  });
});

describe('quick fixes for a client without documentChanges or isPreferred', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
      initializationOptions: { incidentDocs: FAST },
    });
  });
  after(() => client.stop());

  test('come as `changes`, found again by rule and range', async () => {
    const uri = 'untitled:fix-plain';
    await client.open(uri, SEED);
    const [row] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'pm/empty-row');
    assert.equal(row.data, undefined, 'no data for a client that did not announce dataSupport');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: row.range,
      context: { diagnostics: [row] },
    });
    const [fix] = quickFixes(actions, row);
    assert.ok(fix?.edit?.changes?.[uri]?.length);
    assert.equal(fix.edit.documentChanges, undefined);
    assert.equal(fix.isPreferred, undefined);
    assert.ok(actions.some((a) => a.title === 'Disable incident-docs rule pm/empty-row for this line' && a.edit?.changes?.[uri]?.length));
    assert.ok(!actions.some((a) => a.title.startsWith('Show documentation')), 'not offered to a client that cannot open it (window/showDocument)');
  });
});

describe('a client without CodeAction literals', () => {
  test('is offered no code actions', async () => {
    const client = await LspTestClient.start({ capabilities: { textDocument: { codeAction: {} } } });
    try {
      assert.equal(client.initializeResult.capabilities.codeActionProvider, undefined);
    } finally {
      await client.stop();
    }
  });
});

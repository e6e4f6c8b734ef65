/**
 * Front matter through the real server: pm/front-matter and pm/review-overdue as diagnostics by
 * line and column (the team's schema named in .incident-docs.yaml), their quick fixes, completion
 * of keys and values, hover with a field's description, and a hostile schema that must not hang it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { applyEdits, type LspTestClient } from '../helpers/lspClient';
import { positionOf, serveTempWorkspace, tempDir, vscodeUri, withRule } from './fixtures';

const SCHEMA = {
  properties: {
    team: { enum: ['payments', 'platform'], description: 'The team that owns the post-mortem.' },
    region: { type: 'string', pattern: '^(a+)+$' },
  },
};

const REPORT = [
  '---', // 0
  'title: Gateway outage', // 1
  'date: 2026-11-20', // 2
  'status: draft', // 3
  'sevrity: SEV1', // 4
  'severity: SEV1', // 5
  'team: paymnets', // 6
  'incident:', // 7
  '  resolved: 2026-11-20T16:00:00Z', // 8
  '---',
  '# Post-mortem: Gateway outage',
  '',
].join('\n');

const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : (result?.items ?? []));

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit?.changes?.[uri]) return edit.changes[uri];
  const change = edit?.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === uri);
  return change && 'edits' in change ? (change.edits as TextEdit[]) : [];
}

describe('front matter in the editor (the team’s schema named in .incident-docs.yaml)', () => {
  const temp = tempDir();
  let client: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        mkdirSync(path.join(temp.dir, 'docs'), { recursive: true });
        mkdirSync(path.join(temp.dir, 'postmortems'), { recursive: true });
        writeFileSync(path.join(temp.dir, 'docs', 'fm.schema.json'), JSON.stringify(SCHEMA));
        writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'frontMatterSchema: docs/fm.schema.json\n');
      },
    },
    (c) => (client = c),
  );
  const uri = (name: string) => vscodeUri(path.join(temp.dir, 'postmortems', name));

  test('diagnostics by line and column: a near-miss key, a team value, review overdue at the server’s now (2026-11-27)', async () => {
    const doc = uri('outage.md');
    await client.open(doc, REPORT);
    const published = await client.waitForDiagnostics(doc);
    const at = (rule: string) => withRule(published, rule).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.message]);
    assert.deepEqual(at('pm/front-matter'), [
      [4, 0, 7, 2, 'Unknown key `sevrity`: did you mean `severity`?'],
      [6, 6, 14, 2, '`team` should be one of “payments”, “platform”, not “paymnets”: did you mean “payments”?'],
    ]);
    assert.deepEqual(at('pm/review-overdue'), [
      [3, 8, 13, 2, 'Still “draft” 6 days after the incident was resolved; SEV1 post-mortems are due for review within 3 days.'],
    ]);
    const [overdue] = withRule(published, 'pm/review-overdue');
    assert.deepEqual(overdue.relatedInformation?.map((r) => [r.location.range.start.line, r.location.range.start.character, r.message]), [[8, 12, 'Counted from here (2026-11-20).']]);
    await client.close(doc);
  });

  test('the quick fix puts the suggested value in place', async () => {
    const doc = uri('fix.md');
    await client.open(doc, REPORT);
    const [, wrongTeam] = withRule(await client.waitForDiagnostics(doc), 'pm/front-matter');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc },
      range: wrongTeam.range,
      context: { diagnostics: [wrongTeam] },
    });
    const fix = actions.find((a) => a.title === 'Change to `payments`');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    assert.match(applyEdits(REPORT, editsOf(fix.edit, doc)), /^team: payments$/m);
    await client.close(doc);
  });

  test('completion: the values of `status`, the team’s values, and keys not given yet', async () => {
    const text = '---\nstatus: \nteam: pa\n\n---\n# Post-mortem: X\n';
    const doc = uri('complete.md');
    await client.open(doc, text);
    await client.waitForDiagnostics(doc);
    assert.ok(client.initializeResult.capabilities.completionProvider, 'offered to a client that completes');

    const statuses = items(await client.request('textDocument/completion', { textDocument: { uri: doc }, position: { line: 1, character: 8 } }));
    assert.deepEqual(statuses.map((i) => i.label), ['draft', 'in-review', 'reviewed', 'published']);

    const teams = items(await client.request('textDocument/completion', { textDocument: { uri: doc }, position: { line: 2, character: 8 } }));
    assert.deepEqual(teams.map((i) => [i.label, (i.textEdit as TextEdit).range]), [
      ['payments', { start: { line: 2, character: 6 }, end: { line: 2, character: 8 } }],
      ['platform', { start: { line: 2, character: 6 }, end: { line: 2, character: 8 } }],
    ]);

    const keys = items(await client.request('textDocument/completion', { textDocument: { uri: doc }, position: { line: 3, character: 0 } }));
    const labels = keys.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 2), ['region', 'title'], 'the team’s not given yet first, then the built-in ones');
    assert.ok(!labels.includes('status') && !labels.includes('team'), 'given keys are not offered again');
    const incident = keys.find((i) => i.label === 'incident')!;
    assert.equal((incident.textEdit as TextEdit).newText, 'incident:\n  ');
    assert.equal(incident.insertTextMode, 1, 'as is: the text carries its indentation');
    assert.equal((incident.documentation as MarkupContent).kind, 'markdown');

    const body = items(await client.request('textDocument/completion', { textDocument: { uri: doc }, position: { line: 5, character: 3 } }));
    assert.deepEqual(body, [], 'nothing in the Markdown body');
    await client.close(doc);
  });

  test('hover on a key: the field’s description, over the key', async () => {
    const doc = uri('hover.md');
    await client.open(doc, REPORT);
    await client.waitForDiagnostics(doc);
    const team = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: positionOf(REPORT, 'team:') });
    assert.equal((team?.contents as MarkupContent).value, '**team** (front matter, team schema)\n\nThe team that owns the post-mortem.\n\nOne of: payments, platform');
    assert.deepEqual(team?.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 4 } });
    const resolved = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: positionOf(REPORT, 'resolved') });
    assert.match((resolved?.contents as MarkupContent).value, /^\*\*incident\.resolved\*\* \(front matter\)\n\nWhen it was over/);
    await client.close(doc);
  });

  test('a value the schema’s pattern would take exponentially long on with backtracking: reported at once, and the server still answers', async () => {
    const text = `---\nteam: payments\nregion: ${'a'.repeat(40_000)}b\n---\n# Post-mortem: X\n`;
    const doc = uri('redos.md');
    await client.open(doc, text);
    const [finding] = withRule(await client.waitForDiagnostics(doc), 'pm/front-matter');
    assert.deepEqual([finding.range.start.line, finding.range.start.character], [2, 8]);
    assert.match(String(finding.message), /^`region` does not match the schema’s pattern “\^\(a\+\)\+\$”: “a+…”\.$/);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line: 1, character: 1 } });
    assert.ok(hover);
    await client.close(doc);
  });
});

describe('front matter in the editor: a schema that cannot be used', () => {
  const temp = tempDir();
  let client: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        mkdirSync(path.join(temp.dir, 'docs'), { recursive: true });
        writeFileSync(path.join(temp.dir, 'docs', 'bad.schema.json'), '{"properties": {"team": {"pattern": "(?=x)"}}}');
      },
      settings: { frontMatterSchema: 'docs/bad.schema.json' },
    },
    (c) => (client = c),
  );

  test('one diagnostic at the opening fence saying why; the built-in fields still checked', async () => {
    const doc = vscodeUri(path.join(temp.dir, 'postmortems', 'a.md'));
    await client.open(doc, '---\nstatus: drafty\n---\n# Post-mortem: X\n');
    const findings = withRule(await client.waitForDiagnostics(doc), 'pm/front-matter');
    assert.deepEqual(findings.map((d) => [d.range.start.line, d.range.start.character]), [
      [0, 0],
      [1, 8],
    ]);
    assert.equal(findings[0].message, 'Front-matter schema not used: "docs/bad.schema.json": pattern "(?=x)": it uses a look-ahead, which linear-time matching does not support.');
    await client.close(doc);
  });
});

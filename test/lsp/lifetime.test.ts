/**
 * The lifetime and PEM rules through the real server over stdio, by line and column, on the
 * same folder the CLI test lints; the lens and hover naming the source; an edit that fixes a
 * lifetime clears its finding.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Hover, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { describeFindings, LIFETIME_RULES, makeLifetimeWorkspace, type LifetimeWorkspace } from '../helpers/lifetimeWorkspace';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, positionOf, vscodeUri, withRule } from './fixtures';

let workspace: LifetimeWorkspace;
let client: LspTestClient;
let uri: string;

before(async () => {
  workspace = makeLifetimeWorkspace();
  uri = vscodeUri(workspace.file);
  client = await LspTestClient.start({
    capabilities: FULL_CAPABILITIES,
    workspaceFolders: [{ uri: vscodeUri(workspace.dir), name: 'ws' }],
    initializationOptions: { incidentDocs: { ...FAST, now: workspace.now.toISOString() } },
  });
});
after(async () => {
  await client.stop();
  workspace.remove();
});

const ours = (p: PublishDiagnosticsParams) =>
  p.diagnostics
    .filter((d) => LIFETIME_RULES.includes(String(d.code)))
    .map((d) => ({ rule: String(d.code), line: d.range.start.line, character: d.range.start.character, severity: d.severity === 1 ? ('error' as const) : ('warning' as const) }));

describe('lifetime, renewal and PEM rules through the server', () => {
  test('each finding where the fixture says, as the CLI reports it', async () => {
    await client.open(uri, workspace.text, 'yaml');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(describeFindings(ours(published)), describeFindings(workspace.expected));
    assert.deepEqual(published.diagnostics.filter((d) => !LIFETIME_RULES.includes(String(d.code))).map((d) => d.message), []);
  });

  test('the lens and the hover say where the dates come from', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /^Expires in 80 days · \d{4}-\d{2}-\d{2} · from the PEM$/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /^Expires in 29 days · \d{4}-\d{2}-\d{2}$/.test(t)), 'the typed overdue entry: 90 days from 61 days ago');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(workspace.text, 'issued: ') });
    const markdown = (hover.contents as { value: string }).value;
    assert.match(markdown, /Source: typed/);
    assert.match(markdown, /Renewal \(acme\) due \S+, at 2\/3 of the lifetime: overdue\./);
  });

  test('an edit that shortens a lifetime clears its finding, without reopening', async () => {
    const text = workspace.text.replace('    lifetime: 398d', '    lifetime: 200d');
    await client.replace(uri, 2, text);
    const published = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(
      withRule(published, 'cert/lifetime-limit').map((d) => d.range.start.line),
      workspace.expected.filter((f) => f.rule === 'cert/lifetime-limit' && f.line > 20).map((f) => f.line),
      'only the PEM entry is left',
    );
  });

  test('renewAtShare pushed as a setting moves the renewal point', async () => {
    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { ...FAST, now: workspace.now.toISOString(), renewAtShare: 0.9 } } });
    const published = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(withRule(published, 'cert/renewal-overdue'), [], '61 days into 90 is short of 9/10');
  });
});

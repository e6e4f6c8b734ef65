/**
 * At scale one rule can report thousands of times in one file; VS Code keeps 1,000 problems per
 * file, errors first. Above `groupFindingsAbove` the editor gets one diagnostic per rule listing
 * the findings in related information, so every rule of the file stays visible; the CLI keeps
 * one finding each.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type CodeAction } from 'vscode-languageserver/node';
import { LintFilesRequest, type LintFilesResult } from '../../contract/src/requests';
import { CLI, type JsonFinding } from '../cli/helpers';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, NOW, tempDir, vscodeUri, withRule } from './fixtures';

/** `expired` entries expired in 2020, then `personal` entries with a personal owner, valid until 2099. */
function inventory(expired: number, personal: number): string {
  const lines = ['defaults:', '  notify: [platform@example.com]', '  renewal: { method: acme }', 'certificates:'];
  for (let i = 0; i < expired; i++) lines.push(`  - name: old-${i}`, `    hosts: [old-${i}.example.com]`, '    owner: platform@example.com', '    expires: 2020-01-15');
  for (let i = 0; i < personal; i++) lines.push(`  - name: new-${i}`, `    hosts: [new-${i}.example.com]`, `    owner: jane.doe${i}@gmail.com`, '    expires: 2099-01-15');
  return lines.join('\n') + '\n';
}

describe('many findings of one rule in one file', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('above 100 (the default) are one diagnostic listing each; the rules under it keep theirs', async () => {
    const uri = 'untitled:cert-inventory-many.yaml';
    const text = inventory(150, 3);
    await client.open(uri, text, 'yaml');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const expired = withRule(published, 'cert/expired');
    assert.equal(expired.length, 1, 'one diagnostic for the rule');
    const [group] = expired;
    assert.equal(group.severity, DiagnosticSeverity.Error);
    // The rule's own summary follows the count (cert/expired's, whatever its wording), then the
    // advice every finding closes with, said once.
    const advice = 'Renew it, or update `expires` if it was renewed.';
    assert.match(String(group.message), /^150 findings: [^\n]*`expires`[^\n]* is in the past\. Renew it, or update `expires` if it was renewed\. More than 100 of one rule in a file show as one \(groupFindingsAbove\); each is listed in related information\.$/);
    // At the first finding, the first entry's `expires` value (line 7).
    assert.deepEqual(group.range.start, { line: 7, character: 13 });
    const related = group.relatedInformation ?? [];
    assert.equal(related.length, 150);
    assert.deepEqual(
      related.map((r) => r.location.range.start.line),
      Array.from({ length: 150 }, (_, i) => 7 + 4 * i),
      'each entry, in file order',
    );
    assert.ok(related.every((r) => r.location.uri === uri && /^Certificate "old-\d+" expired on 2020-01-15 \([\d,]+ days ago\)\.$/.test(r.message)), related[0].message);
    assert.ok(related.every((r) => !r.message.includes(advice)), 'the advice is not repeated in the list');
    assert.equal(withRule(published, 'cert/personal-email').length, 3, 'three findings of another rule stay three');
    await client.close(uri);
  });

  test("code actions name a grouped problem without its list: the client ties them by rule, range and message", async () => {
    const uri = 'untitled:cert-inventory-actions.yaml';
    await client.open(uri, inventory(150, 0), 'yaml');
    const [group] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'cert/expired');
    assert.equal(group.relatedInformation?.length, 150);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: group.range,
      context: { diagnostics: [group], triggerKind: 2 },
    });
    assert.ok(actions.some((a) => a.title === 'Disable incident-docs rule cert/expired for this line'), "the rule's actions are offered");
    for (const action of actions) {
      const [named] = action.diagnostics ?? [];
      assert.ok(named, `${action.title} names its problem`);
      const { relatedInformation, ...key } = named;
      assert.equal(relatedInformation, undefined, `${action.title}: no related information`);
      const { relatedInformation: _list, ...expected } = group;
      assert.deepEqual(key, expected, `${action.title}: the problem as published, but its list`);
    }
    await client.close(uri);
  });

  test('more than 200 list the first 200; 0 never groups', async () => {
    const uri = 'untitled:cert-inventory-huge.yaml';
    await client.open(uri, inventory(1_200, 0), 'yaml');
    const [group] = withRule(await client.waitForDiagnostics(uri, { version: 1 }), 'cert/expired');
    assert.match(String(group.message), /^1,200 findings: .*the first 200 are listed in related information\.$/);
    assert.equal(group.relatedInformation?.length, 200);
    await client.close(uri);

    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { ...FAST, groupFindingsAbove: 0 } } });
    await client.open(uri, inventory(1_200, 0), 'yaml', 2);
    const ungrouped = await client.waitForDiagnostics(uri, { version: 2, after: mark });
    assert.equal(withRule(ungrouped, 'cert/expired').length, 1_200);
    await client.close(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: FAST } });
  });
});

describe('Scan Workspace groups the same way; the CLI reports each finding', () => {
  let ws: ReturnType<typeof tempDir>;
  let client: LspTestClient;
  before(async () => {
    ws = tempDir();
    writeFileSync(path.join(ws.dir, 'cert-inventory.yaml'), inventory(120, 2));
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(ws.dir), name: 'ws' }],
      initializationOptions: { incidentDocs: FAST },
    });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  test('lintFiles', async () => {
    const file = path.join(ws.dir, 'cert-inventory.yaml');
    const scanned = await client.request<LintFilesResult>(LintFilesRequest.method, {});
    const diagnostics = scanned.files.find((f) => f.uri === vscodeUri(file))?.diagnostics ?? [];
    const expired = diagnostics.filter((d) => d.code === 'cert/expired');
    assert.equal(expired.length, 1);
    assert.equal(expired[0].relatedInformation?.length, 120);
    assert.equal(diagnostics.filter((d) => d.code === 'cert/personal-email').length, 2);

    const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--now', NOW, file], { encoding: 'utf8' });
    const fromCli = JSON.parse(run.stdout) as JsonFinding[];
    assert.equal(fromCli.filter((f) => f.rule === 'cert/expired').length, 120);
  });
});

/// <reference types="mocha" />
/**
 * Large documents in the real extension host: VS Code keeps 1,000 problems per file and builds a
 * widget per resolved code lens, so what a big inventory sends must stay small.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdirSync } from 'node:fs';
import { codeOf, untitledDocument, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

/** `expired` entries expired in 2020, then `personal` valid entries with a personal owner. */
function inventory(expired: number, personal: number): string {
  const lines = ['defaults:', '  notify: [platform@example.com]', '  renewal: { method: acme }', 'certificates:'];
  for (let i = 0; i < expired; i++) lines.push(`  - name: old-${i}`, `    hosts: [old-${i}.example.test]`, '    owner: platform@example.com', '    expires: 2020-01-15');
  for (let i = 0; i < personal; i++) lines.push(`  - name: new-${i}`, `    hosts: [new-${i}.example.test]`, `    owner: jane.doe${i}@gmail.com`, '    expires: 2099-01-15');
  return lines.join('\n') + '\n';
}

const rule = (id: string) => (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === id);

export function scaleTests(): void {
  describe('at scale', () => {
    // Untitled documents only; the folder may not exist yet when these tests run alone (INCIDENT_DOCS_VSCODE_GREP).
    before(() => mkdirSync(workspaceRoot(), { recursive: true }));

    it('1,200 expired entries are one problem listing the first 200; the personal addresses stay visible', async () => {
      const document = await untitledDocument('yaml', inventory(1_200, 3));
      await vscode.window.showTextDocument(document);
      const ds = await waitForDiagnostics(document, (all) => rule('cert/expired')(all).length > 0 && rule('cert/personal-email')(all).length === 3, 'the grouped and the personal-address problems');
      const [group, ...others] = rule('cert/expired')(ds);
      assert.deepEqual(others, [], 'one problem for the rule');
      assert.match(group.message, /^1,200 findings: [^\n]*`expires`[^\n]* is in the past\. Renew it, or update `expires` if it was renewed\. More than 100 of one rule in a file show as one \(groupFindingsAbove\); the first 200 are listed in related information\.$/);
      assert.equal(group.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(group.relatedInformation?.length, 200);
      const firstExpires = document.getText().split('\n').findIndex((l) => l.includes('expires: 2020-01-15'));
      assert.equal(group.range.start.line, firstExpires, 'at the first expired entry');
      assert.equal(group.relatedInformation?.[199].location.range.start.line, firstExpires + 4 * 199);
      assert.match(group.relatedInformation?.[0].message ?? '', /^Certificate "old-0" expired on 2020-01-15 \([\d,]+ days ago\)\.$/, 'each listed without the advice the problem says once');
      assert.ok(ds.length < 1_000, `${ds.length} problems: under VS Code's per-file limit, none hidden`);
      // Its quick fixes: the request carries the problem without its 200 places (lightContext.ts),
      // and the server still finds the finding it names.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, group.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Show documentation for cert/expired'), titles.join(' | '));
      assert.equal(group.relatedInformation?.length, 200, 'the problem keeps its list in VS Code');
    });

    it('the lenses of a 300-entry inventory come without titles but those on screen, and resolve to them', async () => {
      const document = await untitledDocument('yaml', inventory(0, 300));
      await vscode.window.showTextDocument(document);
      // Without a count VS Code resolves nothing: what the server sends for a document this size.
      const bare = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        return found.length > 0 && found;
      }, 'code lenses');
      assert.equal(bare.length, 600);
      // Those on the lines shown come with their titles (no resolve round trip before they read);
      // the editor shows the document's start, so the titled ones are the first few, the rest bare.
      const titled = bare.filter((l) => l.command !== undefined);
      const lastLine = (ls: vscode.CodeLens[]) => Math.max(...ls.map((l) => l.range.start.line));
      assert.ok(titled.length > 0 && titled.length < 200, `${titled.length} lenses with titles`);
      assert.ok(bare.filter((l) => l.command === undefined).every((l) => l.range.start.line > lastLine(titled)), 'titled: a run from the top');
      // Resolved, as the editor does for the lenses on screen: the last entry's pair.
      const resolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, bare.length);
      const titles = resolved.filter((l) => l.range.start.line === lastLine(resolved)).map((l) => l.command?.title ?? '').sort();
      assert.equal(titles.length, 2);
      assert.equal(titles[0], 'Check live');
      assert.match(titles[1], /^Expires in \d+ days · 2099-01-15$/);
    });

    it('a 1,500-entry inventory gets the lenses near what is on screen, and more as the view moves', async () => {
      const document = await untitledDocument('yaml', inventory(0, 1_500));
      const editor = await vscode.window.showTextDocument(document);
      editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
      const lines = (found: vscode.CodeLens[]) => found.map((l) => l.range.start.line);
      const top = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        return found.length > 0 && found;
      }, 'code lenses');
      // 3,000 in the document; those of the entries within 300 lines of the screen (4 lines an entry).
      assert.ok(top.length < 400, `${top.length} lenses`);
      assert.ok(Math.max(...lines(top)) < 400, 'all near the top');
      const last = document.lineCount - 2;
      editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.InCenter);
      const end = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        return found.some((l) => l.range.start.line > last - 10) && found;
      }, 'the lenses of the last entries');
      assert.ok(Math.min(...lines(end)) > last - 700, 'none left from the top');
      // After an edit VS Code asks again: still only those near the screen (the server sends only
      // those now: incidentDocs/codeLensesNear), and they resolve to titles.
      const version = document.version;
      await editor.edit((b) => b.insert(new vscode.Position(last, 0), '#\n'));
      const edited = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10_000);
        return document.version > version && found.some((l) => l.range.start.line > last - 10) && found;
      }, 'the lenses after an edit');
      assert.ok(Math.min(...lines(edited)) > last - 700 && edited.length < 400, `${edited.length} lenses, near the end`);
      assert.ok(edited.some((l) => /^Expires in \d+ days/.test(l.command?.title ?? '')), 'resolved to their titles');
    });
  });
}

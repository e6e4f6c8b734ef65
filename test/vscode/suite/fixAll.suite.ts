/// <reference types="mocha" />
/** source.fixAll.incidentDocs in the real editor: `editor.codeActionsOnSave` fixes what `lint --fix` would. */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, extension, open, SEED, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

export function fixAllTests(): void {
  describe('fix-all on save', () => {
    // Run alone (INCIDENT_DOCS_VSCODE_GREP), no suite before it has made the workspace folder.
    before(() => mkdirSync(workspaceRoot(), { recursive: true }));

    it('editor.codeActionsOnSave with source.fixAll.incidentDocs deletes the seed’s empty rows when saving', async () => {
      const folder = path.join(workspaceRoot(), 'postmortems');
      const madeFolder = !existsSync(folder);
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, 'fix-on-save.md');
      const original = readFileSync(path.join(extension().extensionPath, 'test', 'fixtures', 'postmortems', SEED), 'utf8');
      writeFileSync(file, original);
      const editorConfig = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
      try {
        await editorConfig().update('codeActionsOnSave', { 'source.fixAll.incidentDocs': 'explicit' }, vscode.ConfigurationTarget.Global, true);
        const editor = await open(vscode.Uri.file(file));
        await waitForDiagnostics(editor.document, (ds) => ds.some((d) => codeOf(d) === 'pm/empty-row'), 'pm/empty-row before saving');
        // Saving runs the participants only for a changed document: add a line the fix leaves alone.
        const added = '\nEdited before saving.\n';
        assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), added)));
        await vscode.commands.executeCommand('workbench.action.files.save');
        await waitFor(() => !editor.document.isDirty, 'the save to finish');
        // Expected independently: the text without its <tr> blocks whose cells are all empty.
        const emptyRow = /^[ \t]*<tr[^>]*>\s*(?:<td>\s*<\/td>\s*)+<\/tr>[ \t]*\r?\n/gm;
        const expected = (original + added).replace(emptyRow, '');
        assert.notEqual(expected, original + added);
        assert.equal(readFileSync(file, 'utf8'), expected);
        assert.equal(editor.document.getText(), expected);
        assert.match(expected, /16:04pm/, 'the fix with two readings is left to the author');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await editorConfig().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
        rmSync(madeFolder ? folder : file, { recursive: true, force: true });
      }
    });
  });
}

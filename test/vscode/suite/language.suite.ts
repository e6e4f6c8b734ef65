/// <reference types="mocha" />
/** Language features through the real extension host: activation, diagnostics, lenses, quick fixes, settings. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, expectedExpiryTitles, extension, inventoryFile, lineOf, open, seedFile, untitledDocument, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

const has = (rule: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === rule);

export function languageTests(): void {
  describe('language features', () => {
    let seed: vscode.Uri;
    let inventory: ReturnType<typeof inventoryFile>;

    before(() => {
      seed = seedFile();
      inventory = inventoryFile();
    });

    it('activates when a Markdown document opens', async () => {
      await open(seed);
      await waitFor(() => extension().isActive, 'the extension to activate');
    });

    it('reports the seed post-mortem’s findings where they are', async () => {
      const editor = await open(seed);
      const ds = await waitForDiagnostics(editor.document, has('pm/invalid-time'), 'pm/invalid-time on the seed');
      const invalid = ds.find((d) => codeOf(d) === 'pm/invalid-time')!;
      assert.equal(editor.document.getText(invalid.range), '16:04pm');
      assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);
      assert.match(invalid.message, /16:04pm/);
      const emptyRows = ds.filter((d) => codeOf(d) === 'pm/empty-row');
      assert.equal(emptyRows.length, 6, 'the seed has six empty action-item rows');
      assert.ok(has('pm/impact-timeline')(ds), 'the Impact window contradicts the timeline');
    });

    it('keeps the code caches of the extension and of its server in its global storage', async function () {
      if (!fs.existsSync('/proc/self/stat')) this.skip(); // the server's command line is read from /proc
      await waitForDiagnostics((await open(seed)).document, has('pm/invalid-time'), 'the seed’s diagnostics');
      const dir = await waitFor(serverCodeCacheDir, 'the language server, a child of this extension host, with --code-cache-dir');
      assert.match(dir.replaceAll('\\', '/'), /\/globalStorage\/incident-docs\.incident-docs\/server-code-cache$/);
      // Saved after the server's first diagnostics and once it has started (client/src/entry.ts).
      await waitFor(() => fs.existsSync(path.join(dir, 'incident-docs.js.v8-cache')), 'the server’s code cache');
      await waitFor(() => fs.existsSync(path.join(dir, '..', 'extension-code-cache', 'extension-main.js.v8-cache')), 'the extension’s code cache');
    });

    it('reports a personal address and a near expiry in an inventory', async () => {
      const editor = await open(inventory.uri);
      const ds = await waitForDiagnostics(editor.document, (all) => has('cert/personal-email')(all) && has('cert/expiring')(all), 'inventory findings');
      const personal = ds.filter((d) => codeOf(d) === 'cert/personal-email');
      assert.deepEqual(personal.map((d) => editor.document.getText(d.range)), ['jane.doe.oncall@gmail.com']);
      const expiring = ds.filter((d) => codeOf(d) === 'cert/expiring');
      assert.equal(expiring.length, 1, 'only billing is inside the 30-day window');
      assert.ok(expiring[0].range.start.line >= lineOf(editor.document, 'name: billing'));
    });

    it('shows expiry and Check live lenses above each entry', async () => {
      const before = Date.now();
      const editor = await open(inventory.uri);
      const lenses = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', inventory.uri, 10);
        return found.length > 0 && found;
      }, 'code lenses');
      const candidates = [before, Date.now()];
      const billingLine = lineOf(editor.document, 'name: billing');
      const titlesAt = (line: number) => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
      const billing = titlesAt(billingLine);
      assert.ok(expectedExpiryTitles(inventory.billingExpires, candidates).some((t) => billing.includes(t)), `billing lenses: ${billing.join(' | ')}`);
      assert.ok(billing.includes('Check live'));
      const api = titlesAt(lineOf(editor.document, 'name: api'));
      assert.ok(expectedExpiryTitles(inventory.apiExpires, candidates).some((t) => api.includes(t)), `api lenses: ${api.join(' | ')}`);
      const checkLive = lenses.find((l) => l.range.start.line === billingLine && l.command?.title === 'Check live');
      assert.equal(checkLive?.command?.command, 'incidentDocs.checkLiveEntry');
    });

    it('deletes the seed’s six empty rows with one quick fix', async () => {
      const editor = await open(seed);
      const original = editor.document.getText();
      const ds = await waitForDiagnostics(editor.document, has('pm/empty-row'), 'pm/empty-row');
      const first = ds.find((d) => codeOf(d) === 'pm/empty-row')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', seed, first.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => /empty rows/.test(a.title));
      assert.ok(fix?.edit, `a fix for the empty rows among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.title, 'Delete the 6 empty rows of this table');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      // Expected independently: the original without its <tr> blocks whose cells are all empty.
      const emptyRow = /^[ \t]*<tr[^>]*>\s*(?:<td>\s*<\/td>\s*)+<\/tr>[ \t]*\r?\n/gm;
      assert.equal((original.match(emptyRow) ?? []).length, 6);
      assert.equal(editor.document.getText(), original.replace(emptyRow, ''));
      await waitForDiagnostics(editor.document, (all) => all.length > 0 && !has('pm/empty-row')(all), 'pm/empty-row to go after the fix');
    });

    it('re-validates when incidentDocs.rules changes', async () => {
      const { document } = await open(seed);
      await waitForDiagnostics(document, (all) => has('pm/invalid-time')(all) && has('pm/empty-row')(all), 'pm/invalid-time and pm/empty-row before the change');
      // User settings: they live outside the workspace folder, which the test leaves as it found it.
      const config = () => vscode.workspace.getConfiguration('incidentDocs', seed);
      try {
        await config().update('rules', { 'pm/invalid-time': 'off' }, vscode.ConfigurationTarget.Global);
        const after = await waitForDiagnostics(document, (all) => all.length > 0 && !has('pm/invalid-time')(all), 'pm/invalid-time to be turned off');
        assert.ok(has('pm/empty-row')(after), 'other rules still report');
      } finally {
        await config().update('rules', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitForDiagnostics(document, has('pm/invalid-time'), 'pm/invalid-time back once the setting is removed');
    });

    it('re-checks an open post-mortem when the team template it is checked against changes on disk', async () => {
      const root = workspaceRoot();
      const folder = path.join(root, 'watched-template');
      const template = path.join(folder, 'team-template.md');
      // A post-mortem by the default postmortemGlobs (…/postmortems/…); the seed's folder is not touched.
      const postmortem = path.join(folder, 'postmortems', 'outage.md');
      const sections = (...names: string[]) => ['# Title', '', ...names.flatMap((n) => [`## ${n}`, '', `Write the ${n.toLowerCase()} here.`, ''])].join('\n');
      fs.mkdirSync(path.dirname(postmortem), { recursive: true });
      fs.writeFileSync(template, sections('Summary', 'Timeline'));
      // The impossible time is a finding either way: the first check has run once it shows.
      fs.writeFileSync(postmortem, '# Gateway outage\n\n## Summary\n\nThe gateway served an expired certificate.\n\n## Timeline\n\n- 16:04pm UTC: alerts fired.\n');
      const config = () => vscode.workspace.getConfiguration('incidentDocs');
      try {
        await config().update('template', 'watched-template/team-template.md', vscode.ConfigurationTarget.Global);
        const { document } = await open(vscode.Uri.file(postmortem));
        const missing = (all: vscode.Diagnostic[]) => all.filter((d) => codeOf(d) === 'pm/required-section').map((d) => d.message).join(' | ');
        await waitForDiagnostics(document, (all) => has('pm/invalid-time')(all) && missing(all) === '', 'the post-mortem checked against the two-section template');
        // On disk, as a teammate's pull would change it: VS Code's file watcher tells the server.
        fs.writeFileSync(template, sections('Summary', 'Timeline', 'Follow-ups'));
        await waitForDiagnostics(document, (all) => /Follow-ups/.test(missing(all)), 'pm/required-section for the section the template gained');
      } finally {
        await config().update('template', undefined, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('contributes snippets that load and complete', async () => {
      const contributed = (extension().packageJSON.contributes?.snippets ?? []) as { language: string; path: string }[];
      assert.deepEqual(contributed.map((s) => s.language).sort(), ['markdown', 'yaml']);
      for (const s of contributed) {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, s.path));
        const snippets = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, { prefix: string | string[]; body: string | string[] }>;
        assert.ok(Object.keys(snippets).length > 0, `${s.path} has snippets`);
        for (const [name, snippet] of Object.entries(snippets)) assert.ok(snippet.prefix && snippet.body, `${s.path}: ${name} has a prefix and a body`);
      }
      // VS Code itself offers them: the skeleton completes in a Markdown document.
      const document = await untitledDocument('markdown', 'postmortem');
      await vscode.window.showTextDocument(document);
      const list = await waitFor(async () => {
        const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 10));
        return items.items.some((i) => i.kind === vscode.CompletionItemKind.Snippet) && items;
      }, 'snippet completions');
      const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('postmortem'), `snippets offered: ${labels.join(', ')}`);
    });


    it('Markdown gets snippets on Tab by default (VS Code suggests nothing as you type there)', () => {
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).get('tabCompletion'), 'onlySnippets');
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('tabCompletion'), 'off', 'other languages keep VS Code’s default');
    });

    it('outlines the timeline’s entries beside VS Code’s own headings, each heading once', async () => {
      const { document } = await open(seed);
      await waitForDiagnostics(document, has('pm/invalid-time'), 'the server to have read the seed');
      const names = await waitFor(async () => {
        const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', seed)) ?? [];
        const all: string[] = [];
        const walk = (list: vscode.DocumentSymbol[]) => list.forEach((s) => (all.push(s.name), walk(s.children ?? [])));
        walk(symbols);
        return all.includes('2:43pm') && all;
      }, 'the timeline’s entries in the outline');
      const heading = (name: string) => names.filter((n) => n.replace(/^#+\s*/, '') === name).length;
      assert.equal(heading('Timeline'), 1, `one Timeline heading: ${names.join(' | ')}`);
      assert.equal(heading('Impact'), 1);
      assert.ok(names.includes('2:48pm'));
    });

    it('offers “Disable incident-docs rule X for this line” and “Show documentation for X” on a finding', async () => {
      const editor = await open(seed);
      const ds = await waitForDiagnostics(editor.document, has('pm/invalid-time'), 'pm/invalid-time');
      const invalid = ds.find((d) => codeOf(d) === 'pm/invalid-time')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', seed, invalid.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      const disable = actions.find((a) => a.title === 'Disable incident-docs rule pm/invalid-time for this line');
      const docs = actions.find((a) => a.title === 'Show documentation for pm/invalid-time');
      assert.ok(disable?.edit && docs?.command, titles.join(' | '));
      // The documentation: the page the diagnostic's code links to, opened outside the editor.
      const opened: string[] = [];
      const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
      const openExternal = env.openExternal;
      env.openExternal = async (uri: vscode.Uri) => (opened.push(uri.toString(true)), true);
      try {
        await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
      } finally {
        env.openExternal = openExternal;
      }
      const target = typeof invalid.code === 'object' ? invalid.code.target.toString(true) : '';
      assert.deepEqual(opened, [target]);
      assert.match(target, /docs\/rules\.md#pminvalid-time$/);
      // Disabling writes the comment: that finding goes, the others stay.
      const before = ds.filter((d) => !(codeOf(d) === 'pm/invalid-time' && d.range.start.line === invalid.range.start.line)).map((d) => `${codeOf(d)} ${d.message}`).sort();
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      assert.match(editor.document.lineAt(invalid.range.start.line).text, /<!-- incident-docs-disable-line pm\/invalid-time -->/);
      const after = await waitForDiagnostics(editor.document, (all) => all.length > 0 && !has('pm/invalid-time')(all), 'pm/invalid-time to go');
      assert.deepEqual(after.map((d) => `${codeOf(d)} ${d.message}`).sort(), before);
    });

    it('words findings as sentences, and the personal-address hover adds to the finding instead of repeating it', async () => {
      const editor = await open(inventory.uri);
      const ds = await waitForDiagnostics(editor.document, has('cert/personal-email'), 'cert/personal-email');
      const seedDiagnostics = await waitForDiagnostics((await open(seed)).document, has('pm/invalid-time'), 'the seed’s findings');
      for (const d of [...ds, ...seedDiagnostics]) assert.match(d.message, /^(\p{Lu}|\p{N}|“)/u, `${codeOf(d)}: ${d.message}`);
      const personal = ds.find((d) => codeOf(d) === 'cert/personal-email')!;
      assert.match(personal.message, /^Entry billing: personal notify address/);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', inventory.uri, personal.range.start.translate(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*Personal address\*\*/);
      const sentences = text.split(/(?<=\.)\s+/).map((x) => x.trim()).filter((x) => x.length > 20);
      assert.deepEqual(sentences.filter((x) => personal.message.includes(x)), [], `hover: ${text}`);
    });
  });
}

/** The `--code-cache-dir` of the language server this extension host started (Linux: /proc), if it runs. */
function serverCodeCacheDir(): string | undefined {
  const FLAG = '--code-cache-dir=';
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The parent's pid is the field after the command's name, which is in parentheses.
      const parent = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (parent !== process.pid) continue;
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args.some((a) => a.endsWith(`${path.sep}server.js`))) continue;
      const flag = args.find((a) => a.startsWith(FLAG));
      if (flag) return flag.slice(FLAG.length);
    } catch {
      // The process ended meanwhile.
    }
  }
  return undefined;
}

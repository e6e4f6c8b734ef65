/// <reference types="mocha" />
/** Every contributed command is registered and does its job, driven by arguments or stubbed dialogs. */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addDays, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../../helpers/tls';
import { codeOf, extension, inventoryFile, lineOf, open, seedFile, stubbing, waitFor, waitForDiagnostics, within, workspaceRoot } from './helpers';

interface Certificate {
  uri: string;
  name: string;
  daysLeft?: number;
  selectionRange: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function contributedCommands(): string[] {
  return ((extension().packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
}

/** The live-result panel for `target`, once it is open. */
function liveTab(target: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Live: ${target}`);
}

/** The accessor of `name` on `object`'s prototype chain (the extension host's QuickPick keeps them on its class). */
function propertyOf(object: object, name: string): PropertyDescriptor {
  for (let o = Object.getPrototypeOf(object); o; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, name);
    if (descriptor?.set) return descriptor;
  }
  throw new Error(`no ${name} accessor`);
}

export function commandTests(): void {
  describe('commands', () => {
    let inventory: ReturnType<typeof inventoryFile>;
    let tls: TestTlsServer;

    before(async () => {
      await extension().activate();
      seedFile();
      inventory = inventoryFile();
      const now = wholeSecondNow();
      const leaf = createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notBefore: addDays(now, -1), notAfter: addDays(now, 42) });
      tls = await startTlsServer({ chain: [leaf], host: '127.0.0.1' });
    });

    after(async () => {
      await tls?.close();
    });

    it('registers every contributed command', async () => {
      const contributed = contributedCommands();
      assert.ok(contributed.length > 0, 'package.json contributes commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    });

    it('Open Incident Report shows the workspace\'s report in a webview', async () => {
      await within(vscode.commands.executeCommand('incidentDocs.openIncidentReport'), 'the report is built');
      const tab = await waitFor(
        () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Incident Report'),
        'the Incident Report tab',
      );
      await vscode.window.tabGroups.close(tab);
    });

    it('New Post-Mortem creates the file from the template, named by date and title', async () => {
      const title = 'Payment API certificate expired';
      let asked = 0;
      await stubbing('showInputBox', (async () => (asked++, title)) as typeof vscode.window.showInputBox, () =>
        vscode.commands.executeCommand('incidentDocs.newPostmortem'),
      );
      assert.equal(asked, 1);
      const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('-payment-api-certificate-expired.md') && vscode.window.activeTextEditor, 'the new post-mortem in the editor');
      const file = editor.document.uri.fsPath;
      try {
        assert.equal(path.dirname(file), path.join(workspaceRoot(), 'postmortems'));
        assert.match(path.basename(file), /^\d{4}-\d{2}-\d{2}-payment-api-certificate-expired\.md$/);
        const text = readFileSync(file, 'utf8');
        assert.match(text, /^---\n[\s\S]*title: .*Payment API certificate expired/);
        assert.match(text, /^#+ .*Timeline/m);
        assert.ok(!editor.document.isDirty, 'saved');
      } finally {
        rmSync(file, { force: true });
      }
    });

    it('New Post-Mortem’s skeleton filled in part: the placeholder left among written ones is reported', async () => {
      await stubbing('showInputBox', (async () => 'Gateway certificate expired') as typeof vscode.window.showInputBox, () => vscode.commands.executeCommand('incidentDocs.newPostmortem'));
      const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('-gateway-certificate-expired.md') && vscode.window.activeTextEditor, 'the new post-mortem in the editor');
      try {
        // As an author does: Tab through the fields to the Impact window's, write its start and end.
        const selected = () => editor.document.getText(editor.selection);
        for (let i = 0; i < 40 && selected() !== 'start'; i++) await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        assert.equal(selected(), 'start', 'the “start” field of the Impact window');
        await vscode.commands.executeCommand('type', { text: '14:02' });
        await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        assert.equal(selected(), 'end');
        await vscode.commands.executeCommand('type', { text: '16:10' });
        assert.match(editor.document.getText(), /<td>14:02 to 16:10 \(duration\)<\/td>/);
        const ds = await waitForDiagnostics(editor.document, (all) => all.some((d) => codeOf(d) === 'pm/template-text' && editor.document.getText(d.range) === 'duration'), 'pm/template-text on “duration”');
        const left = ds.find((d) => editor.document.getText(d.range) === 'duration')!;
        assert.equal(left.message, 'Placeholder “duration” left as the template inserted it: “14:02 to 16:10 (duration)”.');
      } finally {
        await vscode.commands.executeCommand('leaveSnippet');
        rmSync(editor.document.uri.fsPath, { force: true });
      }
    });

    it('Insert Timeline Entry Now adds a row stamped with a time to the seed’s timeline', async () => {
      const seed = seedFile();
      const editor = await open(seed);
      const line = lineOf(editor.document, '2:43');
      editor.selection = new vscode.Selection(line, 0, line, 0);
      const before = editor.document.getText();
      await vscode.commands.executeCommand('incidentDocs.insertTimelineEntry');
      await waitFor(() => editor.document.getText() !== before, 'the document to change');
      const rows = (text: string) => (text.match(/<tr\b/g) ?? []).length;
      assert.equal(rows(editor.document.getText()), rows(before) + 1);
      const added = editor.document.getText().split('\n').slice(line + 3, line + 7);
      // A copy of the row it follows (<tr class="odd">, cells on their own lines), its time written
      // as the seed writes times (2:43pm), the cursor in the note.
      assert.equal(added[0], '<tr class="odd">', added.join(' / '));
      assert.match(added[1], /^<td>(1[0-2]|[1-9]):[0-5]\d(am|pm)<\/td>$/, added.join(' / '));
      assert.deepEqual(added.slice(2), ['<td></td>', '</tr>']);
      assert.equal(editor.selection.active.line, line + 5);
    });

    it('Scan Workspace lints files that are not open into the Problems panel', async () => {
      const folder = vscode.Uri.file(path.join(workspaceRoot(), 'incidents'));
      const closed = vscode.Uri.joinPath(folder, 'never-opened-postmortem.md');
      mkdirSync(folder.fsPath, { recursive: true });
      try {
        copyFileSync(path.join(extension().extensionPath, 'test', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md'), closed.fsPath);
        const messages: string[] = [];
        await stubbing('showInformationMessage', (async (message: string) => (messages.push(message), undefined)) as typeof vscode.window.showInformationMessage, () =>
          vscode.commands.executeCommand('incidentDocs.scanWorkspace'),
        );
        assert.equal(messages.length, 1);
        assert.match(messages[0], /^Scanned \d+ post-mortems?, \d+ inventor(y|ies): \d+ problems?\.$/);
        const found = vscode.languages.getDiagnostics(closed).map(codeOf);
        assert.ok(found.includes('pm/invalid-time'), `findings of the closed file: ${found.join(', ')}`);
      } finally {
        // Deleted the way the Explorer deletes, so the scan drops the file's findings too.
        const remove = new vscode.WorkspaceEdit();
        remove.deleteFile(closed, { ignoreIfNotExists: true });
        await vscode.workspace.applyEdit(remove);
        rmSync(folder.fsPath, { recursive: true, force: true });
      }
      await waitFor(() => vscode.languages.getDiagnostics(closed).length === 0, 'the deleted file’s findings to go');
    });

    it('Scan Workspace counts the post-mortems open in editors too, and its progress counts files checked', async () => {
      const folder = vscode.Uri.file(path.join(workspaceRoot(), 'incidents'));
      const closed = vscode.Uri.joinPath(folder, 'never-opened-postmortem.md');
      mkdirSync(folder.fsPath, { recursive: true });
      try {
        copyFileSync(path.join(extension().extensionPath, 'test', 'fixtures', 'postmortems', '3scale-cert-expiry-postmortem.md'), closed.fsPath);
        const seed = await open(seedFile());
        const live = await waitFor(() => vscode.languages.getDiagnostics(seed.document.uri).length > 0 && vscode.languages.getDiagnostics(seed.document.uri), 'the open seed’s findings');
        const markdownFiles = (await vscode.workspace.findFiles('**/*.md')).length;
        const messages: string[] = [];
        const reports: { message?: string; increment?: number; closedListed: boolean }[] = [];
        const withProgress = vscode.window.withProgress;
        const tracked = ((options, task) =>
          withProgress(options, (progress, token) =>
            task({ report: (value) => (reports.push({ ...value, closedListed: vscode.languages.getDiagnostics(closed).length > 0 }), progress.report(value)) }, token),
          )) as typeof vscode.window.withProgress;
        await stubbing('withProgress', tracked, () =>
          stubbing('showInformationMessage', (async (message: string) => (messages.push(message), undefined)) as typeof vscode.window.showInformationMessage, () =>
            vscode.commands.executeCommand('incidentDocs.scanWorkspace'),
          ),
        );
        assert.equal(messages.length, 1);
        assert.equal(markdownFiles, 2, 'the seed, open, and the copy, closed');
        assert.match(messages[0], /^Scanned 2 post-mortems, \d+ inventor(y|ies): \d+ problems\.$/);
        // The open document keeps its live findings, not doubled by the scan's.
        assert.equal(vscode.languages.getDiagnostics(seed.document.uri).length, live.length);
        const counted = reports.map((r) => ({ ...r, done: /^(\d+) of (\d+) files checked/.exec(r.message ?? '') })).filter((r) => r.done);
        const total = Number(counted[0]?.done?.[2]);
        assert.ok(total >= 3, `the Markdown and YAML files: ${reports.map((r) => r.message).join(' / ')}`);
        assert.equal(Number(counted[0].done![1]), 0, 'nothing is counted before it is checked');
        assert.deepEqual(counted.map((r) => Number(r.done![1])), [...counted.map((r) => Number(r.done![1]))].sort((a, b) => a - b), 'the count only grows');
        const last = counted.at(-1)!;
        assert.equal(Number(last.done![1]), total);
        assert.ok(last.closedListed, 'every file counted has its findings listed');
        assert.ok(Math.abs(reports.reduce((sum, r) => sum + (r.increment ?? 0), 0) - 100) < 1e-6, 'the bar fills as files are checked');
      } finally {
        const remove = new vscode.WorkspaceEdit();
        remove.deleteFile(closed, { ignoreIfNotExists: true });
        await vscode.workspace.applyEdit(remove);
        rmSync(folder.fsPath, { recursive: true, force: true });
      }
      await waitFor(() => vscode.languages.getDiagnostics(closed).length === 0, 'the deleted file’s findings to go');
    });

    it('Check Live Certificate… connects to the given host and opens the result as a tab, not a new split', async () => {
      const target = `127.0.0.1:${tls.port}`;
      const accepted = tls.accepted;
      await open(inventory.uri);
      await vscode.commands.executeCommand('incidentDocs.checkLiveCertificate', { host: '127.0.0.1', port: tls.port });
      await waitFor(() => liveTab(target), `the "Live: ${target}" panel`);
      assert.ok(tls.accepted > accepted, 'a real connection to the local TLS server');
      assert.equal(vscode.window.tabGroups.all.length, 1, 'one editor group: the document keeps its width');
      assert.ok(vscode.window.tabGroups.all[0].tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === inventory.uri.fsPath));
    });

    it('Check Live Certificate… opens beside the document when the editor is already split', async () => {
      const target = `127.0.0.1:${tls.port}`;
      await open(inventory.uri);
      await vscode.commands.executeCommand('workbench.action.splitEditor');
      await waitFor(() => vscode.window.tabGroups.all.length === 2, 'two editor groups');
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.viewColumn === vscode.ViewColumn.One, 'the first group active');
      await vscode.commands.executeCommand('incidentDocs.checkLiveCertificate', { host: '127.0.0.1', port: tls.port });
      const tab = await waitFor(() => liveTab(target), `the "Live: ${target}" panel`);
      assert.equal(vscode.window.tabGroups.all.length, 2, 'no third group');
      assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'in the other group');
      assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, vscode.ViewColumn.One, 'the document keeps the focus');
    });

    it('Check Live Certificate… asks for host:port when given nothing', async () => {
      const target = `127.0.0.1:${tls.port}`;
      const prompts: string[] = [];
      await stubbing('showInputBox', (async (options?: vscode.InputBoxOptions) => (prompts.push(options?.prompt ?? ''), target)) as typeof vscode.window.showInputBox, () =>
        vscode.commands.executeCommand('incidentDocs.checkLiveCertificate'),
      );
      assert.equal(prompts.length, 1);
      await waitFor(() => liveTab(target), `the "Live: ${target}" panel`);
    });

    it('Refresh Certificates lists every entry with days left from the server’s clock', async () => {
      const result = await vscode.commands.executeCommand<{ certificates: Certificate[] }>('incidentDocs.refreshCertificates');
      const mine = result.certificates.filter((c) => vscode.Uri.parse(c.uri).fsPath === inventory.uri.fsPath);
      assert.deepEqual(mine.map((c) => c.name).sort(), ['api', 'billing']);
      const days = (expires: Date) => Math.floor((expires.getTime() - Date.now()) / 86_400_000);
      const billing = mine.find((c) => c.name === 'billing')!;
      assert.ok([days(inventory.billingExpires), days(inventory.billingExpires) + 1].includes(billing.daysLeft!), `billing daysLeft ${billing.daysLeft}`);
    });

    it('Open Certificate Entry selects the entry’s name', async () => {
      const { certificates } = await vscode.commands.executeCommand<{ certificates: Certificate[] }>('incidentDocs.refreshCertificates');
      const api = certificates.find((c) => c.name === 'api' && vscode.Uri.parse(c.uri).fsPath === inventory.uri.fsPath)!;
      await vscode.commands.executeCommand('incidentDocs.openCertificate', api);
      const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === inventory.uri.fsPath && vscode.window.activeTextEditor, 'the inventory in the editor');
      assert.equal(editor.document.getText(editor.selection), 'api');
    });

    it('Look Up Certificate… offers the soonest expiry first and opens it', async () => {
      let quickPick: vscode.QuickPick<vscode.QuickPickItem> | undefined;
      const create = vscode.window.createQuickPick;
      await stubbing('createQuickPick', (() => (quickPick = create())) as typeof vscode.window.createQuickPick, () =>
        stubbing('showInformationMessage', (async () => undefined) as typeof vscode.window.showInformationMessage, async () => {
          const command = vscode.commands.executeCommand('incidentDocs.lookUpCertificate');
          // The list as the workbench shows it: items set in the extension host reach the workbench
          // later (a batched update), and the workbench reports back the item it made active.
          // Accepting before that accepts nothing; this waits for the workbench's own state.
          const picker = await waitFor(() => quickPick?.activeItems[0] && quickPick, 'the workbench to show the certificate list with an item active');
          assert.match(picker.items[0].label, /billing/);
          assert.equal(picker.activeItems[0], picker.items[0], 'the soonest expiry is the active item');
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await command;
        }),
      );
      const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === inventory.uri.fsPath && vscode.window.activeTextEditor, 'the chosen entry in the editor');
      assert.equal(editor.document.getText(editor.selection), 'billing');
    });

    // Enter pressed as the picker appears (typed ahead), or just as the extension hands it the
    // list: either way it reaches the workbench before the list does, so nothing is active yet.
    for (const moment of ['show', 'items'] as const) {
      it(`Look Up Certificate… keeps its picker open when Enter comes before the list (at ${moment}), then opens the choice`, async () => {
        let quickPick: vscode.QuickPick<vscode.QuickPickItem> | undefined;
        let earlyAccept: Thenable<unknown> | undefined;
        const accept = () => (earlyAccept ??= vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'));
        const create = vscode.window.createQuickPick;
        await stubbing('createQuickPick', (() => {
          quickPick = create();
          if (moment === 'show') {
            const show = quickPick.show.bind(quickPick);
            quickPick.show = () => (show(), accept());
          } else {
            // The extension host sends `items` to the workbench in a batch a moment later.
            const setter = propertyOf(quickPick, 'items');
            Object.defineProperty(quickPick, 'items', { configurable: true, get: setter.get, set(items) { setter.set!.call(this, items); accept(); } });
          }
          return quickPick;
        }) as typeof vscode.window.createQuickPick, () =>
          stubbing('showInformationMessage', (async () => undefined) as typeof vscode.window.showInformationMessage, async () => {
            const command = vscode.commands.executeCommand('incidentDocs.lookUpCertificate');
            const picker = await waitFor(() => earlyAccept && quickPick?.activeItems[0] && quickPick, 'the list, still open after the early Enter, with an item active');
            await earlyAccept;
            assert.match(picker.activeItems[0].label, /billing/);
            await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
            await command;
          }),
        );
        const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === inventory.uri.fsPath && vscode.window.activeTextEditor, 'the chosen entry in the editor');
        assert.equal(editor.document.getText(editor.selection), 'billing');
      });
    }

    it('Look Up Certificate… keeps a small inventory in sight next to a large one', async () => {
      const big = path.join(workspaceRoot(), 'generated-certificates.yaml');
      const expired = (i: number) => new Date(Date.now() - (400 + i) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      writeFileSync(big, ['certificates:', ...Array.from({ length: 120 }, (_, i) => [`  - name: old-${i}`, `    hosts: [old-${i}.example.test]`, '    owner: platform-team@example.com', `    expires: ${expired(i)}`].join('\n')), ''].join('\n'));
      try {
        let quickPick: vscode.QuickPick<vscode.QuickPickItem> | undefined;
        const create = vscode.window.createQuickPick;
        await stubbing('createQuickPick', (() => (quickPick = create())) as typeof vscode.window.createQuickPick, async () => {
          const command = vscode.commands.executeCommand('incidentDocs.lookUpCertificate');
          const picker = await waitFor(() => quickPick?.activeItems[0] && quickPick.items.some((i) => i.label.includes('old-')) && quickPick, 'the list with both inventories');
          const labels = picker.items.map((i) => i.label);
          const firstScreen = labels.slice(0, 12);
          assert.ok(firstScreen.some((l) => l.includes('billing')) && firstScreen.some((l) => l.includes('api')), `the small inventory on the first screen: ${firstScreen.join(' | ')}`);
          assert.equal(picker.items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).length, 3, 'each inventory’s soonest, then the rest of the large one');
          assert.equal(labels.filter((l) => l.includes('old-')).length, 120, 'every entry is still there to type for');
          picker.hide();
          await command;
        });
      } finally {
        rmSync(big, { force: true });
      }
    });

    it('Look Up Certificate… puts an automatically renewed entry by its renewal point and says so', async () => {
      // Renewal due in 5⅓ days (2/3 of 47 days after issue), expiry in 21: before billing (10.5 days) only by its renewal point.
      const renewals = path.join(workspaceRoot(), 'renewals.yaml');
      const iso = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      writeFileSync(renewals, ['certificates:', '  - name: renewed-by-acme', '    hosts: [acme.example.test]', '    owner: platform-team@example.com', '    renewal: { method: acme }', `    issued: ${iso(-26)}`, '    lifetime: 47d', ''].join('\n'));
      try {
        let quickPick: vscode.QuickPick<vscode.QuickPickItem> | undefined;
        const create = vscode.window.createQuickPick;
        await stubbing('createQuickPick', (() => (quickPick = create())) as typeof vscode.window.createQuickPick, async () => {
          const command = vscode.commands.executeCommand('incidentDocs.lookUpCertificate');
          const picker = await waitFor(() => quickPick?.activeItems[0] && quickPick.items.some((i) => i.label.includes('renewed-by-acme')) && quickPick, 'the list with both inventories');
          const entries = picker.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
          assert.deepEqual(entries.slice(0, 2).map((i) => i.label), ['$(shield) renewed-by-acme', '$(shield) billing'], 'the renewal point (5 days) before an expiry (10 days)');
          assert.match(entries[0].detail ?? '', /^renews in [56] days · \d{4}-\d{2}-\d{2} \(expires \d{4}-\d{2}-\d{2}\) · renewals\.yaml$/);
          assert.match(entries[1].detail ?? '', /^expires in 1[01] days · \d{4}-\d{2}-\d{2} · cert-inventory\.yaml$/);
          picker.hide();
          await command;
        });
      } finally {
        rmSync(renewals, { force: true });
      }
    });

    it('Look Up Certificate… ends when its picker is dismissed before the list loads', async () => {
      const create = vscode.window.createQuickPick;
      await stubbing('createQuickPick', (() => {
        const quickPick = create();
        const show = quickPick.show.bind(quickPick);
        // Escape as the picker appears, while the list is still being read.
        quickPick.show = () => {
          show();
          quickPick.hide();
        };
        return quickPick;
      }) as typeof vscode.window.createQuickPick, async () => {
        await within(vscode.commands.executeCommand('incidentDocs.lookUpCertificate'), 'the command to end after its picker was dismissed');
      });
      assert.equal(vscode.window.activeTextEditor, undefined, 'nothing opened');
    });

    it('the Certificates view is contributed and opens', async () => {
      await vscode.commands.executeCommand('incidentDocs.certificates.focus');
    });

  });
}

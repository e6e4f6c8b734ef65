/**
 * The custom requests the VS Code client makes (contract/src/requests.ts), through the real
 * server over stdio: inventory certificates of a workspace, a lint of files that are not open,
 * resolved settings, and where a timeline entry goes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { soonest, sortByExpiry } from '../../client/src/certificates/certificateList';
import { resolveConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { LIVE_COMMANDS, SERVER_COMMANDS } from '../../contract/src/commandIds';
import {
  InventoryEntriesRequest,
  LintFilesRequest,
  SettingsRequest,
  TimelineAtRequest,
  type InventoryEntriesResult,
  type LintFilesResult,
  type TimelineInsertion,
} from '../../contract/src/requests';
import type { Config } from '../../server/src/core/config';
import { FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { FAST, NOW, positionOf, SEED, tempDir, vscodeUri } from './fixtures';

const INVENTORY = `defaults:
  warnDays: 30
certificates:
  - name: api-gateway
    hosts: [api.example.com:443, api2.example.com]
    expires: 2027-08-16T16:14:00Z
  - name: www
    hosts: www.example.com
    expires: 2026-12-20T12:00:00Z
  - name: legacy-portal
    hosts: [portal.example.com]
    expires: 2026-11-24
  - name: batch
    hosts: [batch.example.com]
    warnDays: 90
    expires: 2027-01-15
  - name: undated
    hosts: [nodate.example.com]
`;

const PIPE_POSTMORTEM = `# Post-mortem: queue backlog

## Timeline

All times in UTC.

| Time | Event |
| --- | --- |
| 09:00 | Alert fired |
| 09:20 | Rolled back |

## Action Items

- Add a queue depth alarm
`;

const BULLET_POSTMORTEM = `# Post-mortem: DNS outage

## Timeline

  * 14:02 CET resolver errors rise
  * 14:30 CET failover
`;

describe('workspace requests over stdio', () => {
  const { dir, remove } = tempDir();
  const file = (relative: string, text: string) => {
    const full = path.join(dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return vscodeUri(full);
  };
  const inventory = file('ops/cert-inventory.yaml', INVENTORY);
  const postmortem = file('postmortems/2026-03-02-gateway.md', SEED);
  const notes = file('notes/readme.md', '# Just notes\n\nNothing to check here.\n');
  const other = file('k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
  const nested = file('team/.incident-docs.yaml', 'postmortemFolder: docs/incidents\nwarnDays: 45\n');
  const missing = vscodeUri(path.join(dir, 'gone.md'));
  const secret = file('ops/id_rsa', 'certificates: []\n');
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: vscodeUri(dir), name: 'ws' }],
      initializationOptions: { incidentDocs: { ...FAST } },
    });
  });
  after(async () => {
    await client.stop();
    remove();
  });

  const entries = (uris?: string[]) => client.request<InventoryEntriesResult>(InventoryEntriesRequest.method, uris ? { uris } : {});

  test('inventoryEntries: every entry with hosts, expiry, days left and state from the server clock', async () => {
    const result = await entries([inventory, other, notes]);
    assert.equal(result.now, new Date(NOW).toISOString());
    assert.deepEqual(result.inventories, [inventory], 'only the inventory, not the Deployment or the notes');
    const byName = new Map(result.certificates.map((c) => [c.name, c]));
    assert.deepEqual([...byName.keys()], ['api-gateway', 'www', 'legacy-portal', 'batch', 'undated'], 'file order');
    const now = Date.parse(NOW);
    for (const c of result.certificates) {
      assert.equal(c.uri, inventory);
      if (c.expires === undefined) continue;
      // Whole UTC calendar days, counted independently of the server's helper.
      const days = Math.floor(Date.parse(c.expires) / 86_400_000) - Math.floor(now / 86_400_000);
      assert.equal(c.daysLeft, days, c.name);
    }
    assert.deepEqual(byName.get('api-gateway')?.hosts, ['api.example.com:443', 'api2.example.com']);
    assert.deepEqual(byName.get('www')?.hosts, ['www.example.com'], 'a single host written as a string');
    assert.equal(byName.get('api-gateway')?.state, 'valid');
    assert.equal(byName.get('www')?.state, 'expiring');
    assert.equal(byName.get('legacy-portal')?.state, 'expired');
    assert.ok((byName.get('legacy-portal')?.daysLeft ?? 0) < 0);
    assert.equal(byName.get('batch')?.warnDays, 90, "the entry's own warnDays");
    assert.equal(byName.get('batch')?.state, 'expiring', '49 days left is inside its 90-day window');
    assert.equal(byName.get('www')?.warnDays, 30, 'from defaults');
    assert.equal(byName.get('undated')?.state, 'unknown');
    assert.equal(byName.get('undated')?.expires, undefined);
    assert.deepEqual(result.certificates.map((c) => c.index), [0, 1, 2, 3, 4]);
    for (const c of result.certificates) {
      assert.equal(textAt(INVENTORY, c.selectionRange), c.name, 'the selection is the name');
      assert.match(textAt(INVENTORY, c.range), new RegExp(`^name: ${c.name}\\n`), 'the range is the whole entry');
    }
  });

  test('inventoryEntries: an automated entry carries its renewal point (renewalDue), others null; lists order by it', async () => {
    const renewals = file('ops/renewals.yaml', `certificates:
  - name: manual
    hosts: [m.example.com]
    renewal: { method: manual }
    expires: 2026-12-20
  - name: acme47
    hosts: [a.example.com]
    renewal: { method: acme }
    issued: 2026-11-10
    lifetime: 47d
  - name: cert-manager-expiry-only
    hosts: [c.example.com]
    renewal: { method: cert-manager }
    expires: 2027-01-30
`);
    try {
      const result = await entries([renewals]);
      const byName = new Map(result.certificates.map((c) => [c.name, c]));
      const acme = byName.get('acme47');
      assert.equal(acme?.expires, '2026-12-27T00:00:00.000Z');
      assert.equal(acme?.renewalDue, '2026-12-11T08:00:00.000Z', '2/3 of 47 days after issue');
      assert.equal(acme?.renewalDaysLeft, 14);
      // Sent as null, not left out: "no renewal point" is an answer.
      assert.ok(result.certificates.every((c) => 'renewalDue' in c));
      assert.equal(byName.get('manual')?.renewalDue, null);
      assert.equal(byName.get('cert-manager-expiry-only')?.renewalDue, null, 'an expiry alone gives no lifetime');
      assert.deepEqual(sortByExpiry(result.certificates).map((c) => c.name), ['acme47', 'manual', 'cert-manager-expiry-only']);
      assert.equal(soonest(result.certificates)?.name, 'acme47');
    } finally {
      rmSync(new URL(renewals));
    }
  });

  test('inventoryEntries with the rows held: an edited inventory is answered as the rows that changed', async () => {
    const text = `certificates:\n${Array.from({ length: 50 }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    expires: 2027-01-15\n`).join('')}`;
    const edited = file('ops/held-inventory.yaml', text);
    const other = file('ops/held-other.yaml', 'certificates:\n  - name: solo\n    expires: 2027-02-01\n');
    const ask = (held?: Record<string, string>) => client.request<InventoryEntriesResult>(InventoryEntriesRequest.method, { uris: [edited, other], held });
    try {
      const first = await ask();
      assert.equal(first.certificates.length, 51, 'in full when nothing is held');
      assert.equal(first.changes, undefined);
      const ids = first.resultIds ?? {};
      assert.ok(ids[edited] && ids[other]);

      file('ops/held-inventory.yaml', text.replace('name: svc-17\n', 'name: svc-17-renamed\n'));
      const second = await ask(ids);
      assert.deepEqual(second.inventories, [edited, other]);
      assert.deepEqual(second.certificates, [], 'no row in full: both files are held');
      const byUri = new Map((second.changes ?? []).map((c) => [c.uri, c]));
      assert.deepEqual(byUri.get(other), { uri: other, count: 1, rows: [] }, 'an unchanged file: no rows');
      const change = byUri.get(edited);
      assert.equal(change?.count, 50);
      assert.deepEqual(change?.rows.map((r) => [r.at, r.row.name, r.row.index]), [[17, 'svc-17-renamed', 17]]);
      assert.notEqual(second.resultIds?.[edited], ids[edited], 'a new id for the new rows');

      // Held under an id that is not the last one answered (a lost answer): in full again.
      const third = await ask({ [edited]: ids[edited], [other]: second.resultIds?.[other] ?? '' });
      assert.equal(third.certificates.filter((c) => c.uri === edited).length, 50, 'a stale id gets the rows in full');
      assert.equal(third.certificates[17].name, 'svc-17-renamed');
      assert.deepEqual(third.changes?.map((c) => [c.uri, c.rows.length]), [[other, 0]]);
    } finally {
      rmSync(new URL(edited));
      rmSync(new URL(other));
    }
  });

  test('inventoryEntries without uris walks the workspace folders the client reports', async () => {
    const second = tempDir();
    // Answered for this test only: the next tests meet the client as it was.
    const folders = client.connection.onRequest('workspace/workspaceFolders', () => [
      { uri: vscodeUri(dir), name: 'ws' },
      { uri: vscodeUri(second.dir), name: 'second' },
    ]);
    try {
      writeFileSync(path.join(second.dir, 'certificates.yml'), 'certificates:\n  - name: second-folder\n    expires: 2027-01-01\n');
      const result = await entries();
      // Sorted by path across folders (as the CLI walks them), so compare as sets.
      assert.deepEqual([...result.inventories].sort(), [inventory, vscodeUri(path.join(second.dir, 'certificates.yml'))].sort());
      assert.equal(result.certificates.length, 6);
    } finally {
      folders.dispose();
      second.remove();
    }
  });

  test('inventoryEntries reads an open document as the editor holds it, unsaved edits included', async () => {
    await client.open(inventory, INVENTORY.replace('name: www', 'name: www-renamed'), 'yaml');
    try {
      const result = await entries([inventory]);
      assert.ok(result.certificates.some((c) => c.name === 'www-renamed'));
    } finally {
      await client.close(inventory);
    }
    const closed = await entries([inventory]);
    assert.ok(closed.certificates.some((c) => c.name === 'www'), 'back to the file on disk once closed');
  });

  test('lintFiles: the same findings as the core lint, only for documents that are checked', async () => {
    const result = await client.request<LintFilesResult>(LintFilesRequest.method, { uris: [postmortem, notes, inventory, other, missing, secret] });
    assert.deepEqual(result.files.map((f) => f.uri), [postmortem, inventory], 'notes and the Deployment are not post-mortems or inventories');
    assert.deepEqual(result.errors.map((e) => e.uri).sort(), [missing, secret].sort());
    assert.match(result.errors.find((e) => e.uri === missing)!.message, /no such file/);
    assert.match(result.errors.find((e) => e.uri === secret)!.message, /not a Markdown or YAML file/, 'other files are never read');
    const { config } = resolveConfig([{ source: 'test', values: {} }]);
    const expect = (uri: string, text: string, filePath: string) =>
      lint({ uri, path: filePath, text }, config, { now: new Date(NOW) }).map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}`);
    const got = (uri: string) => result.files.find((f) => f.uri === uri)!.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    assert.deepEqual(got(postmortem), expect(postmortem, SEED, path.join(dir, 'postmortems/2026-03-02-gateway.md')));
    assert.ok(got(postmortem).length > 3, 'the seed has findings');
    assert.deepEqual(got(inventory), expect(inventory, INVENTORY, path.join(dir, 'ops/cert-inventory.yaml')));
    assert.ok(got(inventory).some((c) => c.startsWith('cert/expired@')));
    assert.deepEqual(result.files.find((f) => f.uri === postmortem)?.kinds, ['postmortem']);
    assert.deepEqual(result.files.find((f) => f.uri === inventory)?.kinds, ['inventory']);
    const diagnostic = result.files[0].diagnostics[0];
    assert.equal(diagnostic.source, 'incident-docs');
    assert.ok(diagnostic.codeDescription?.href, 'rule documentation link, as for published diagnostics');
  });

  test('settings: defaults, and the nearest .incident-docs.yaml for a file below it', async () => {
    const root = await client.request<Config>(SettingsRequest.method, { uri: vscodeUri(path.join(dir, '.incident-docs.yaml')) });
    assert.equal(root.postmortemFolder, 'postmortems');
    assert.equal(root.warnDays, 30);
    const team = await client.request<Config>(SettingsRequest.method, { uri: nested });
    assert.equal(team.postmortemFolder, 'docs/incidents');
    assert.equal(team.warnDays, 45);
    const workspace = await client.request<Config>(SettingsRequest.method, {});
    assert.equal(workspace.postmortemFolder, 'postmortems', 'without a uri: the first workspace folder');
  });

  describe('timelineAt', () => {
    const at = async (uri: string, text: string, needle: string, languageId = 'markdown') => {
      await client.open(uri, text, languageId);
      try {
        return await client.request<TimelineInsertion | null>(TimelineAtRequest.method, { uri, position: positionOf(text, needle) });
      } finally {
        await client.close(uri);
      }
    };

    test('HTML table (the seed): after the row at the cursor, cells on their own lines, its class kept, its 12-hour clock', async () => {
      const insertion = await at('untitled:seed', SEED, '2:48pm');
      assert.ok(insertion);
      assert.equal(insertion.shape.kind, 'html');
      assert.ok(insertion.shape.kind === 'html' && insertion.shape.cells >= 2 && insertion.shape.multiline);
      const template = insertion.shape.template!;
      assert.equal(template.text, '<tr class="even">\n<td>2:48pm</td>\n<td>Determined that no payloads were going through. 3Scale errors regarding SSL</td>\n</tr>');
      assert.deepEqual(template.cells.map((c) => template.text.slice(c.start, c.end)), ['2:48pm', 'Determined that no payloads were going through. 3Scale errors regarding SSL']);
      assert.deepEqual(insertion.clock, { twelveHour: true, padHour: false, separator: ':', am: 'am', pm: 'pm', spaceBeforeMarker: false });
      const lines = SEED.split('\n');
      assert.match(lines[insertion.insertAt.line - 1], /<\/tr>/, 'inserted after the end of a row');
      assert.ok(insertion.insertAt.line > positionOf(SEED, '2:48pm').line);
    });

    test('pipe table: after the row at the cursor; the zone from "All times in UTC" and its offset', async () => {
      const insertion = await at('untitled:pipe', PIPE_POSTMORTEM, '09:00');
      assert.deepEqual(insertion, {
        shape: {
          kind: 'pipe', cells: 2, timeColumn: 0, indent: '',
          // The row at the cursor, to copy: each cell's content located in it.
          template: { text: '| 09:00 | Alert fired |', cells: [{ start: 2, end: 7, empty: false }, { start: 10, end: 21, empty: false }] },
        },
        insertAt: { line: positionOf(PIPE_POSTMORTEM, '09:00').line + 1, character: 0 },
        clock: { twelveHour: false, padHour: true, separator: ':' },
        zone: 'UTC',
        zoneOffsetMinutes: 0,
        zoneInHeader: false,
      });
    });

    test('a zone in the time column header is not repeated on rows', async () => {
      const text = PIPE_POSTMORTEM.replace('All times in UTC.', '').replace('| Time | Event |', '| Event | Time (PDT) |').replace(/\| (\d\d:\d\d) \| ([^|]+) \|/g, '| $2 | $1 |');
      const insertion = await at('untitled:pipe-header', text, '09:00');
      assert.deepEqual(insertion?.shape, { kind: 'pipe', cells: 2, timeColumn: 1, indent: '', template: { text: '| Alert fired | 09:00 |', cells: [{ start: 2, end: 13, empty: false }, { start: 16, end: 21, empty: false }] } });
      assert.equal(insertion?.zone, 'PDT');
      assert.equal(insertion?.zoneOffsetMinutes, -420);
      assert.equal(insertion?.zoneInHeader, true);
    });

    test('outside the Timeline section: after the last entry', async () => {
      const insertion = await at('untitled:pipe2', PIPE_POSTMORTEM, 'Add a queue');
      assert.equal(insertion?.insertAt.line, positionOf(PIPE_POSTMORTEM, '09:20').line + 1);
    });

    test('bullet list: marker and indent kept, the zone written on entries', async () => {
      const insertion = await at('untitled:bullets', BULLET_POSTMORTEM, 'failover');
      assert.deepEqual(insertion?.shape, { kind: 'bullet', marker: '*', indent: '  ' });
      assert.deepEqual(insertion?.clock, { twelveHour: false, padHour: true, separator: ':' });
      assert.equal(insertion?.zone, 'CET');
      assert.equal(insertion?.zoneOffsetMinutes, 60);
      assert.equal(insertion?.insertAt.line, positionOf(BULLET_POSTMORTEM, 'failover').line + 1);
    });

    test('null for a document that is not a post-mortem, or is not open', async () => {
      assert.equal(await at('untitled:notes', '# Notes\n\nhello\n', 'hello'), null);
      assert.equal(await client.request(TimelineAtRequest.method, { uri: 'untitled:never-opened', position: { line: 0, character: 0 } }), null);
    });
  });

  test('the server offers the live commands the client intercepts (so none runs without the trust question) and only commands that connect nowhere besides', () => {
    const offered = client.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
    assert.deepEqual([...offered].sort(), [...Object.values(LIVE_COMMANDS), ...Object.values(SERVER_COMMANDS)].sort());
  });
});

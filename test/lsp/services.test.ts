import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SymbolKind, type CodeLens, type DocumentLink, type DocumentSymbol, type Hover, type MarkupContent, type SymbolInformation } from 'vscode-languageserver/node';
import { CodeLensesNearRequest, type CodeLensesNearResult } from '../../contract/src/requests';
import { FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { OUTLINE_MAX_ITEMS } from '../../server/src/lsp/symbols';
import { FAST, NOW, positionOf, SEED } from './fixtures';

const TICKET_URL = 'https://jira.example.com/browse/{key}';
const TIME = /\b\d{1,2}:\d{2}\s*(am|pm)?\b/i;

async function openSeed(client: LspTestClient, uri: string, text = SEED): Promise<void> {
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
}

describe('editor services for a capable client', () => {
  let client: LspTestClient;
  const uri = 'untitled:services';
  before(async () => {
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      initializationOptions: { incidentDocs: { ...FAST, ticketUrl: TICKET_URL } },
    });
    await openSeed(client, uri);
  });
  after(() => client.stop());

  test('document symbols: sections, with timeline entries under Timeline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = symbols.map((s) => s.name);
    for (const section of ['Overview', 'Impact', 'Timeline', 'Action Items']) assert.ok(names.includes(section), section);
    const timeline = symbols.find((s) => s.name === 'Timeline')!;
    assert.ok(timeline.children && timeline.children.length > 1, 'timeline entries are listed');
    for (const entry of timeline.children) {
      assert.match(textAt(SEED, entry.range), TIME, 'an entry covers its time');
      assert.ok(entry.range.start.line >= timeline.range.start.line && entry.range.end.line <= timeline.range.end.line);
    }
    assert.ok(timeline.selectionRange.start.line === timeline.range.start.line);
  });

  test('hover on a timeline entry and on the Timeline heading; nothing on plain prose', async () => {
    const entryHover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(SEED, '2:48pm'),
    });
    const content = entryHover?.contents as MarkupContent | undefined;
    assert.equal(content?.kind, 'markdown');
    assert.match(content?.value ?? '', /2:48pm/);
    assert.equal(textAt(SEED, entryHover!.range!), '2:48pm');

    const headingHover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(SEED, 'Timeline\n'),
    });
    assert.ok((headingHover?.contents as MarkupContent | undefined)?.value);

    const prose = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(SEED, 'PagerDuty alerted'),
    });
    assert.equal(prose, null);
  });

  test('ticket keys link to ticketUrl', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.ok(links.length > 0);
    for (const link of links) {
      const key = textAt(SEED, link.range);
      assert.match(key, /^[A-Z][A-Z0-9]+-\d+$/);
      assert.equal(link.target, TICKET_URL.replace('{key}', key));
      assert.ok(link.tooltip, 'tooltips for a client that supports them');
    }
  });

  test('a request for a document that is not open answers empty, not an error', async () => {
    const missing = { textDocument: { uri: 'untitled:never-opened' } };
    assert.deepEqual(await client.request('textDocument/documentSymbol', missing), []);
    assert.equal(await client.request('textDocument/hover', { ...missing, position: { line: 0, character: 0 } }), null);
  });
});

describe('editor services for a plain client', () => {
  let client: LspTestClient;
  const uri = 'untitled:services-plain';
  before(async () => {
    client = await LspTestClient.start({
      capabilities: { textDocument: { documentSymbol: {}, hover: { contentFormat: ['plaintext'] }, documentLink: {} } },
      initializationOptions: { incidentDocs: FAST },
    });
    await openSeed(client, uri);
  });
  after(() => client.stop());

  test('flat symbols name their container and use LSP 1.0 kinds', async () => {
    const symbols = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const entries = symbols.filter((s) => s.containerName === 'Timeline');
    assert.ok(entries.length > 1);
    for (const s of symbols) {
      assert.equal(s.location.uri, uri);
      assert.ok(s.kind >= 1 && s.kind <= 18, `kind ${s.kind} is known to the client`);
    }
  });

  test('hover comes as plain text', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(SEED, '2:48pm') });
    assert.equal((hover?.contents as MarkupContent | undefined)?.kind, 'plaintext');
  });

  test('no ticketUrl, no ticket links', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.ok(links.every((l) => !l.target?.startsWith('https://jira.example.com')));
  });

  test('code lenses are not offered to a client that did not announce them', () => {
    assert.equal(client.initializeResult.capabilities.codeLensProvider, undefined);
    assert.ok(client.initializeResult.capabilities.documentSymbolProvider);
  });
});

describe('code lenses', () => {
  const expires = '2026-12-20T12:00:00Z';
  const inventory = ['certificates:', '  - name: www', '    hosts: [www.example.com]', '    owner: web-team@example.com', `    expires: ${expires}`, ''].join('\n');
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  test('show an inventory entry\'s days left, counted from the server\'s "now"', async () => {
    const uri = 'untitled:cert-inventory.yaml';
    await client.open(uri, inventory, 'yaml');
    await client.waitForDiagnostics(uri);
    const all = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(all.map((l) => l.command?.title).filter((t) => t === 'Check live'), ['Check live'], 'and a lens to check it live');
    const lenses = all.filter((l) => l.command?.title !== 'Check live');
    assert.equal(lenses.length, 1);
    const days = Math.round((Date.parse(expires) - Date.parse(NOW)) / 86_400_000);
    assert.match(lenses[0].command?.title ?? '', new RegExp(`\\b${days}\\b`));
    assert.equal(lenses[0].command?.command, '', 'an informational lens runs nothing');
    assert.ok(lenses[0].range.start.line <= 1 && lenses[0].range.end.line <= 4);
  });

  test('in a large inventory come without titles; each resolves to what a small one shows', async () => {
    const uri = 'untitled:cert-inventory-large.yaml';
    const entries = 150; // 300 lenses: over LAZY_LENSES_ABOVE
    const text = ['certificates:', ...Array.from({ length: entries }, (_, i) => [`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, '    owner: web-team@example.com', `    expires: ${expires}`]).flat(), ''].join('\n');
    await client.open(uri, text, 'yaml');
    await client.waitForDiagnostics(uri);
    const unresolved = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(unresolved.length, 2 * entries);
    assert.ok(unresolved.every((l) => l.command === undefined && l.data !== undefined), 'no titles, data to resolve them');
    // The last entry's pair, as an editor scrolled to the end would ask for them.
    const last = unresolved.slice(-2);
    const resolved = await Promise.all(last.map((l) => client.request<CodeLens>('codeLens/resolve', l)));
    const days = Math.round((Date.parse(expires) - Date.parse(NOW)) / 86_400_000);
    assert.match(resolved[0].command?.title ?? '', new RegExp(`^Expires in ${days} days`));
    assert.equal(resolved[1].command?.title, 'Check live');
    assert.deepEqual(resolved[1].command?.arguments, [{ uri, entry: entries - 1 }], 'the command acts on that entry of that document');
    assert.deepEqual(resolved.map((l) => l.range), last.map((l) => l.range));
    await client.close(uri);
  });

  test('near some lines (incidentDocs/codeLensesNear): those of the whole list that start there, and how many it has', async () => {
    const uri = 'untitled:cert-inventory-near.yaml';
    const entries = 150;
    const text = ['certificates:', ...Array.from({ length: entries }, (_, i) => [`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, `    expires: ${expires}`]).flat(), ''].join('\n');
    await client.open(uri, text, 'yaml');
    await client.waitForDiagnostics(uri);
    const all = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lines = [{ start: 30, end: 60 }, { start: 400, end: 420 }];
    const near = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, { textDocument: { uri }, lines });
    assert.equal(near.total, all.length);
    const inside = (l: CodeLens) => lines.some((s) => l.range.start.line >= s.start && l.range.start.line <= s.end);
    assert.deepEqual(near.lenses, all.filter(inside), 'the same lenses, data included, in order');
    assert.ok(near.lenses.length > 0 && near.lenses.length < all.length / 4, `${near.lenses.length} of ${all.length}`);
    const resolved = await client.request<CodeLens>('codeLens/resolve', near.lenses[0]);
    assert.match(resolved.command?.title ?? '', /^Expires in/, 'resolved as the standard request’s are');
    // allUpTo: a document with no more lenses than that gets them all, wherever they start.
    const few = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, { textDocument: { uri }, lines, allUpTo: all.length });
    assert.deepEqual(few, { lenses: all, total: all.length });
    const many = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, { textDocument: { uri }, lines, allUpTo: all.length - 1 });
    assert.deepEqual(many, near);
    // visible: the lenses on those lines come resolved (titles), as codeLens/resolve gives them; the rest as before.
    const visible = [{ start: 40, end: 45 }];
    const shown = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, { textDocument: { uri }, lines, visible });
    const onScreen = (l: CodeLens) => l.range.start.line >= 40 && l.range.start.line <= 45;
    assert.ok(shown.lenses.some(onScreen), 'some lenses on the visible lines');
    for (const [i, lens] of shown.lenses.entries()) {
      if (!onScreen(lens)) assert.deepEqual(lens, near.lenses[i], 'off screen: unresolved, unchanged');
      else assert.deepEqual(lens, await client.request<CodeLens>('codeLens/resolve', near.lenses[i]), 'on screen: resolved');
    }
    const none = await client.request<CodeLensesNearResult>(CodeLensesNearRequest.method, { textDocument: { uri: 'untitled:not-open.yaml' }, lines });
    assert.deepEqual(none, { lenses: [], total: 0 });
    await client.close(uri);
  });
});

describe('an editor that outlines Markdown headings itself (outlineTimelineOnly)', () => {
  let client: LspTestClient;
  const uri = 'untitled:services-timeline-only';
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, outlineTimelineOnly: true } } });
    await openSeed(client, uri);
  });
  after(() => client.stop());

  test('gets the timeline’s entries alone, no heading twice; an inventory’s outline is unchanged', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 1, 'the entries');
    for (const s of symbols) {
      assert.equal(s.kind, SymbolKind.Event, `${s.name} is an entry`);
      assert.match(textAt(SEED, s.range), TIME);
    }
    assert.deepEqual(symbols.map((s) => s.name).slice(0, 2), ['2:43pm', '2:48pm']);
    const inventory = 'untitled:services-timeline-only.yaml';
    await client.open(inventory, 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2030-01-01\n', 'yaml');
    const entries = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: inventory } });
    assert.deepEqual(entries.map((s) => s.name), ['api']);
    await client.close(inventory);
  });
});

/** An inventory of 200 entries more than the default outline limit, opened and linted. */
async function openLargeInventory(client: LspTestClient, uri: string): Promise<{ count: number; entries: string[] }> {
  const count = OUTLINE_MAX_ITEMS + 200;
  const entries = Array.from({ length: count }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    expires: 2030-01-01\n`);
  await client.open(uri, `certificates:\n${entries.join('')}`, 'yaml');
  await client.waitForDiagnostics(uri);
  return { count, entries };
}

describe('a large outline is cut, and says so (yaml-language-server’s maxItemsComputed)', () => {
  test(`an inventory over ${OUTLINE_MAX_ITEMS} entries: its first ${OUTLINE_MAX_ITEMS}, after one symbol that says how many there are`, async () => {
    const client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
    try {
      const uri = 'untitled:services-large.yaml';
      const { count, entries } = await openLargeInventory(client, uri);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const [note, ...rest] = symbols;
      assert.equal(note.name, `Outline cut to ${OUTLINE_MAX_ITEMS.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} items`);
      assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.deepEqual(rest.map((s) => s.name), Array.from({ length: OUTLINE_MAX_ITEMS }, (_, i) => `svc-${i}`));
      await client.waitForLog((line) => line.includes(`The outline of ${uri} is cut to its first ${OUTLINE_MAX_ITEMS} items`));
      // Under the limit again: the whole outline, no note.
      await client.replace(uri, 2, `certificates:\n${entries.slice(0, 3).join('')}`);
      await client.waitForDiagnostics(uri, { version: 2 });
      const whole = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(whole.map((s) => s.name), ['svc-0', 'svc-1', 'svc-2']);
    } finally {
      await client.stop();
    }
  });

  test('the outlineMaxItems setting: another limit, or 0 for none, in a settings change too', async () => {
    const client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, outlineMaxItems: 0 } } });
    try {
      const uri = 'untitled:services-unlimited.yaml';
      const { count } = await openLargeInventory(client, uri);
      const all = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(all.length, count, 'no limit, no note');
      const mark = client.mark();
      await client.notify('workspace/didChangeConfiguration', { settings: { incidentDocs: { ...FAST, outlineMaxItems: 10 } } });
      await client.waitForDiagnostics(uri, { after: mark });
      const [note, ...rest] = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(note.name, `Outline cut to 10 of ${count.toLocaleString('en-US')} items`);
      assert.equal(rest.length, 10);
    } finally {
      await client.stop();
    }
  });

  test('a post-mortem over the limit keeps its levels in order: the sections, then what they hold, as far as the limit goes', async () => {
    const client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, outlineMaxItems: 1000 } } });
    const sections = await (async () => {
      try {
        const uri = 'untitled:services-outline-whole';
        await openSeed(client, uri);
        return await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      } finally {
        await client.stop();
      }
    })();
    const timeline = sections.find((s) => s.name === 'Timeline')!;
    assert.ok((timeline.children ?? []).length > 2, 'the seed has timeline entries');
    const top = sections.length;
    const limit = top + 2;
    const small = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: { ...FAST, outlineMaxItems: limit } } });
    try {
      const uri = 'untitled:services-outline-cut';
      await openSeed(small, uri);
      const [note, ...cut] = await small.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.match(note.name, new RegExp(`^Outline cut to ${limit} of \\d+ items$`));
      assert.deepEqual(cut.map((s) => s.name), sections.map((s) => s.name), 'every section');
      const shown = cut.flatMap((s) => (s.children ?? []).map((c) => c.name));
      // The first two of the second level, in document order: the sections' first children.
      const secondLevel = sections.flatMap((s) => (s.children ?? []).map((c) => c.name));
      assert.deepEqual(shown, secondLevel.slice(0, 2));
    } finally {
      await small.stop();
    }
  });
});

/**
 * Neovim (Debian's 0.7.2, headless) as the LSP client: the README's set-up (nvim/incident-docs.lua)
 * starts the real server; nvim/client.lua drives the editor the way a user would and records what
 * Neovim received. One Neovim run serves every test here (a couple of seconds; each of its waits is
 * for a state, bounded by a deadline that only a failure reaches).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, MarkupContent, Range } from 'vscode-languageserver/node';
import type { ProbeResult } from '../../server/src/core/live';
import { lint } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/types';
import { config } from '../helpers/lint';
import { textAt } from '../helpers/lspClient';
import { addDays, createCertificate, startTlsServer, type TestTlsServer } from '../helpers/tls';
import { positionOf, tempDir } from '../lsp/fixtures';
import { readmeLuaSnippets, runNeovim, type BufferResult, type NvimResult, type Published, type VimDiagnostic } from './neovim';

const NOW = new Date('2026-11-27T12:00:00Z');
const SEED = readFileSync(path.join(__dirname, '../fixtures/postmortems/3scale-cert-expiry-postmortem.md'), 'utf8');
const INVENTORY_TEMPLATE = readFileSync(path.join(__dirname, 'fixtures/cert-inventory.yaml'), 'utf8');
const README = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
/** Merged into the README snippet's settings; an info rule turned off shows Neovim's answer was used. */
const SETTINGS = { debounceMs: 0, rules: { 'pm/action-item-status': 'off' } };
const RECONFIGURED = { ...SETTINGS, rules: { ...SETTINGS.rules, 'pm/template-text': 'off' } };
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const leaf = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], notBefore: addDays(NOW, -1), notAfter: addDays(NOW, 100) });
const day = (d: Date) => d.toISOString().slice(0, 10);

interface File {
  path: string;
  text: string;
  languageId: string;
}

let server: TestTlsServer;
const temp = tempDir();
const files: Record<string, File> = {};
let result: NvimResult;

function write(name: string, relative: string, text: string, languageId: string): string {
  const full = path.join(temp.dir, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  files[name] = { path: full, text, languageId };
  return full;
}

before(async () => {
  server = await startTlsServer({ chain: [leaf] });
  mkdirSync(path.join(temp.dir, '.git')); // the root incident-docs.lua finds: one server for all
  const inventory = INVENTORY_TEMPLATE.replaceAll('{{TLS_TARGET}}', server.target);
  // A path with a space, `@` and `+`: Neovim sends `@` and `+` raw, the space as %20.
  write('seed', 'team @ops+sre/post mortems/3scale cert@expiry.md', SEED, 'markdown');
  write('crlf', 'crlf/3scale-crlf.md', SEED.replace(/\n/g, '\r\n'), 'md');
  write('plain', 'notes/INCIDENT-2020-08-16', SEED, 'plaintext');
  write('inventory', 'certs/cert-inventory.yaml', inventory, 'yaml');
  write('yml', 'certs/more certs+@.yml', inventory, 'yml');
  write('bare', 'bare/seed.md', SEED, '');
  result = await runNeovim(
    {
      timeoutMs: 30_000,
      readme: readmeLuaSnippets(README),
      settings: SETTINGS,
      init_options: { incidentDocs: { now: NOW.toISOString() } },
      files: [
        { name: 'seed', path: files.seed.path },
        { name: 'crlf', path: files.crlf.path, manual: true, filetype: 'md' },
        { name: 'plain', path: files.plain.path, manual: true, filetype: 'plaintext' },
        { name: 'inventory', path: files.inventory.path },
        { name: 'yml', path: files.yml.path, manual: true, filetype: 'yml' },
        { name: 'bare', path: files.bare.path, manual: true, bare: true },
      ],
      lenses: ['seed', 'inventory'],
      hovers: [
        { buffer: 'seed', needle: '2:48pm' },
        { buffer: 'inventory', needle: 'jane.doe@gmail.com' },
      ],
      codeAction: { buffer: 'seed', needle: '16:04pm', choose: 'Change to 4:04pm', expect: { lacks: 'pm/invalid-time' } },
      edit: { buffer: 'yml', needle: 'jane.doe@gmail.com', replacement: 'pki-team@example.com', expect: { lacks: 'cert/personal-email' } },
      executeCommand: { buffer: 'inventory', command: 'incidentDocs.checkLiveCert', arguments: [{ host: '127.0.0.1', port: server.port }] },
      checkLive: { buffer: 'inventory', expect: { has: 'cert/live-mismatch' } },
      reconfigure: { buffer: 'crlf', settings: RECONFIGURED, expect: { lacks: 'pm/template-text' } },
    },
    temp.dir,
  );
});
after(async () => {
  await server?.close();
  temp.remove();
});

/** What the core reports for a file, with the settings Neovim gave the server. */
function expected(name: string, values: Record<string, unknown> = result.settings, text = files[name].text): Finding[] {
  const file = files[name];
  return lint({ path: file.path, text, languageId: file.languageId }, config(values), { now: NOW });
}

const key = (rule: string, range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${rule}`;
const fromCore = (findings: Finding[]) =>
  findings.map((f) => ({ key: key(f.rule, f.range), severity: SEVERITY[f.severity], message: f.message })).sort((a, b) => a.key.localeCompare(b.key));
const fromLsp = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => ({ key: key(String(d.code), d.range), severity: d.severity, message: d.message })).sort((a, b) => a.key.localeCompare(b.key));

/** The core's UTF-16 ranges as vim.diagnostic keeps them: 0-based lines, UTF-8 byte columns. */
function asVimDiagnostics(text: string, findings: Finding[]): Omit<VimDiagnostic, 'message'>[] {
  const lines = text.split(/\r?\n/);
  const byteColumn = (p: Finding['range']['start']) => Buffer.byteLength(lines[p.line]?.slice(0, p.character) ?? '');
  return findings
    .map((f) => ({ lnum: f.range.start.line, col: byteColumn(f.range.start), end_lnum: f.range.end.line, end_col: byteColumn(f.range.end), code: f.rule }))
    .sort(byPlace);
}
const byPlace = (a: Omit<VimDiagnostic, 'message'>, b: Omit<VimDiagnostic, 'message'>) =>
  a.lnum - b.lnum || a.col - b.col || a.end_lnum - b.end_lnum || a.end_col - b.end_col || a.code.localeCompare(b.code);
const vimPlaces = (buffer: BufferResult) => buffer.diagnostics.map(({ lnum, col, end_lnum, end_col, code }) => ({ lnum, col, end_lnum, end_col, code })).sort(byPlace);

const codes = (published: Published | undefined) => (published?.diagnostics ?? []).map((d) => String(d.code));

describe('Neovim 0.7.2 as the client', () => {
  test('the seed: pushed diagnostics are the core findings, as LSP ranges and as vim.diagnostic byte columns', () => {
    const seed = result.buffers.seed;
    assert.equal(seed.client, 'incident-docs');
    assert.equal(seed.filetype, 'markdown', 'attached through setup()');
    const findings = expected('seed');
    assert.ok(findings.some((f) => f.rule === 'pm/invalid-time'), 'the seed has its 16:04pm');
    assert.deepEqual(fromLsp(seed.published.diagnostics), fromCore(findings));
    assert.deepEqual(vimPlaces(seed), asVimDiagnostics(files.seed.text, findings));
  });

  test("the README's Neovim snippet is what ran; its other Lua snippets compile", () => {
    assert.match(README, /\(test\/editors\/nvim\/incident-docs\.lua\)/, 'the README links the module');
    const readmeSettings = readmeLuaSnippets(README).setup.match(/ticketUrl = '([^']+)'/)?.[1];
    assert.ok(readmeSettings, 'the snippet sets a ticketUrl');
    assert.equal(result.settings.ticketUrl, readmeSettings, "the snippet's settings reached setup()");
    assert.ok(result.readme.length >= 2, 'vim.lsp.start and nvim-lspconfig snippets');
    assert.deepEqual(result.readme, result.readme.map(() => null));
  });

  test('settings come from Neovim answering workspace/configuration', () => {
    const requests = result.configurationRequests.flatMap((r) => r.params.items.map((item, i) => ({ item, answer: r.answer[i] })));
    const forSeed = requests.find((r) => r.item.scopeUri === result.buffers.seed.uri);
    assert.equal(forSeed?.item.section, 'incidentDocs');
    assert.deepEqual(forSeed?.answer, result.settings);
    assert.equal((result.settings.rules as Record<string, string>)['pm/action-item-status'], 'off');
    const withDefaults = lint({ path: files.seed.path, text: SEED }, config(), { now: NOW });
    assert.ok(withDefaults.some((f) => f.rule === 'pm/action-item-status'), 'the rule the settings turn off does fire by default');
    assert.ok(!codes(result.buffers.seed.published).includes('pm/action-item-status'));
  });

  test('a path with a space, @ and +: diagnostics come back on the URI Neovim sent', () => {
    const { uri, published } = result.buffers.seed;
    assert.match(uri, /team%20@ops\+sre\/post%20mortems\/3scale%20cert@expiry\.md$/);
    const related = published.diagnostics.flatMap((d) => d.relatedInformation ?? []);
    assert.ok(related.length > 0 && related.every((r) => r.location.uri === uri), 'related information points into the same document');
    assert.deepEqual(fromLsp(result.buffers.yml.published.diagnostics), fromCore(expected('yml')), '`more certs+@.yml`');
  });

  test('a CRLF copy gives the same diagnostics as the LF seed', () => {
    const crlf = result.buffers.crlf;
    assert.equal(crlf.fileformat, 'dos');
    assert.deepEqual(fromLsp(crlf.published.diagnostics), fromLsp(result.buffers.seed.published.diagnostics));
    assert.deepEqual(fromLsp(crlf.published.diagnostics), fromCore(expected('crlf')));
    assert.deepEqual(vimPlaces(crlf), vimPlaces(result.buffers.seed));
  });

  test('language ids md, plaintext and yml work like markdown and yaml', () => {
    for (const name of ['crlf', 'plain', 'yml'] as const) {
      assert.equal(result.buffers[name].filetype, files[name].languageId, `${name} was sent as ${files[name].languageId}`);
      assert.ok(result.buffers[name].published.diagnostics.length > 0, name);
    }
    assert.deepEqual(fromLsp(result.buffers.plain.published.diagnostics), fromCore(expected('plain')), 'an extensionless plaintext file');
  });

  test('the inventory: diagnostics with byte columns after a 🔒 on the same line', () => {
    const inventory = result.buffers.inventory;
    const findings = expected('inventory');
    assert.deepEqual(fromLsp(inventory.published.diagnostics), fromCore(findings));
    const personal = findings.find((f) => f.rule === 'cert/personal-email')!;
    assert.deepEqual(personal.range.start, positionOf(files.inventory.text, 'jane.doe@gmail.com'));
    const place = inventory.diagnostics.find((d) => d.code === 'cert/personal-email')!;
    assert.equal(place.col, personal.range.start.character + 2, 'the 🔒 is 2 UTF-16 units and 4 UTF-8 bytes');
    assert.deepEqual(vimPlaces(inventory), asVimDiagnostics(files.inventory.text, findings));
  });

  test('code lenses: expiry text from the server\'s "now" and "Check live"; incident metrics on the post-mortem', () => {
    const lenses = result.buffers.inventory.lenses ?? [];
    const titles = lenses.map((l) => l.command?.title);
    const expires = INVENTORY_TEMPLATE.match(/expires: (\d{4}-\d{2}-\d{2})/)![1];
    const days = Math.round((Date.parse(expires) - Date.parse(day(NOW))) / 86_400_000);
    assert.ok(titles.includes(`Expires in ${days} days · ${expires}`), titles.join(' | '));
    assert.equal(titles.filter((t) => t === 'Check live').length, 2, 'one per entry with a host');
    const check = lenses.find((l) => l.command?.title === 'Check live')!;
    assert.equal(check.command?.command, 'incidentDocs.checkLiveEntry');
    assert.equal(check.range.start.line, positionOf(files.inventory.text, 'name: api').line, 'on the first entry');
    const seedLenses = result.buffers.seed.lenses ?? [];
    assert.deepEqual(
      seedLenses.map((l) => [l.range.start.line, l.command?.title]),
      [[positionOf(SEED, 'Timeline\n').line, 'Time to detect unknown · acknowledge unknown · mitigate unknown · resolve unknown']],
      'a post-mortem has one, above its Timeline heading: the seed states none of its metrics',
    );
  });

  test('hovers at Neovim\'s cursor: a timeline entry, and an address after a 🔒', () => {
    const [entry, address] = result.steps.hovers;
    assert.deepEqual(entry.position, positionOf(SEED, '2:48pm'));
    const content = entry.result?.contents as MarkupContent;
    assert.equal(content.kind, 'markdown');
    assert.match(content.value, /after the first entry \(2:43pm\)/);
    assert.equal(textAt(SEED, entry.result!.range!), '2:48pm');
    assert.deepEqual(address.position, positionOf(files.inventory.text, 'jane.doe@gmail.com'), 'UTF-16 position from a byte column');
    assert.equal(textAt(files.inventory.text, address.result!.range!), 'jane.doe@gmail.com');
  });

  test('quick fixes at 16:04pm: both readings offered, then disabling each rule on that line; choosing one edits the buffer and the finding goes', () => {
    const step = result.steps.codeAction!;
    const seedFindings = expected('seed');
    const invalid = seedFindings.find((f) => f.rule === 'pm/invalid-time')!;
    // The findings Neovim sends from that line, each with its comment; no "Show documentation": Neovim 0.7 cannot open a URI for the server (window/showDocument).
    const onLine = [...new Set(seedFindings.filter((f) => f.range.start.line === invalid.range.start.line).map((f) => f.rule))].sort();
    assert.deepEqual(step.offered, [...invalid.fixes!.map((f) => f.title), ...onLine.map((rule) => `Disable incident-docs rule ${rule} for this line`)]);
    assert.ok(step.offered.includes('Change to 4:04pm'));
    assert.equal(step.line, '<td>~4 hours (12:21pm to 4:04pm)</td>');
    const fixed = SEED.replace('16:04pm', '4:04pm');
    assert.deepEqual(fromLsp(step.after.diagnostics), fromCore(expected('seed', result.settings, fixed)));
    assert.ok(!codes(step.after).includes('pm/invalid-time'));
  });

  test('an edit after the 🔒 reaches the server as the same text (incremental sync in UTF-16)', () => {
    const after = result.steps.edit!.after;
    const edited = files.yml.text.replace('jane.doe@gmail.com', 'pki-team@example.com');
    assert.deepEqual(fromLsp(after.diagnostics), fromCore(expected('yml', result.settings, edited)));
    assert.ok(codes(result.buffers.yml.published).includes('cert/personal-email'), 'it was there before');
    assert.ok(!codes(after).includes('cert/personal-email'));
  });

  test('workspace/executeCommand incidentDocs.checkLiveCert reads the local TLS server', () => {
    const step = result.steps.executeCommand!;
    assert.equal(step.err, undefined, 'no error (Lua nil)');
    const probe = step.result as ProbeResult;
    assert.equal(probe.notAfter, leaf.notAfter.toISOString().replace('.000Z', 'Z'));
    assert.equal(probe.serialNumber, leaf.serialNumber);
    assert.equal(probe.hostnameMatches, true);
  });

  test('"Check live" run with vim.lsp.codelens.run(): live findings and a live lens', () => {
    const step = result.steps.checkLive!;
    assert.ok(step.offered.includes('Check live'), 'the expiry and live lenses share the line');
    assert.ok(codes(step.after).includes('cert/live-mismatch'), codes(step.after).join(' '));
    assert.ok(codes(step.after).includes('cert/live-untrusted'), 'self-signed');
    const live = step.lenses.map((l) => l.command?.title).find((t) => t?.startsWith('Live '));
    assert.equal(live, `Live ${server.target}: 100 days left, untrusted · ${day(leaf.notAfter)}`);
    assert.ok(server.accepted >= 2, 'the command and the lens each connected');
  });

  test('didChangeConfiguration with new client settings re-validates', () => {
    const after = result.steps.reconfigure!.after;
    assert.deepEqual(fromLsp(after.diagnostics), fromCore(expected('crlf', RECONFIGURED)));
    assert.ok(codes(result.buffers.crlf.published).includes('pm/template-text'), 'it was there before');
  });

  test("Neovim's default capabilities, no settings: diagnostics still pushed, no lenses offered", () => {
    const bare = result.buffers.bare;
    assert.equal(bare.client, 'bare');
    assert.equal(bare.capabilities.codeLensProvider, undefined, 'Neovim 0.7.2 does not announce codeLens');
    assert.ok(bare.capabilities.hoverProvider);
    const findings = lint({ path: files.bare.path, text: SEED }, config(), { now: NOW });
    assert.deepEqual(fromLsp(bare.published.diagnostics), fromCore(findings));
  });
});

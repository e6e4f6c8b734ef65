/** Incident metrics through the real server: the Timeline heading's hover (Markdown and plain text), its code lens, pm/metrics-mismatch. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Hover, HoverClientCapabilities, MarkupContent } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient, textAt } from '../helpers/lspClient';
import { FAST, positionOf, vscodeUri, withRule } from './fixtures';

const KIAM = readFileSync(path.join(__dirname, '..', 'fixtures', 'postmortems', 'dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md'), 'utf8');
/** Under postmortems/, so it is a post-mortem by its path (its title does not say so); the file need not exist. */
const URI = vscodeUri('/srv/incidents-repo/postmortems/PM2020-002_KIAM.md');
const TAGGED = KIAM.replace('| First alert indicating', '| [detected] First alert indicating');

async function hoverAt(client: LspTestClient, needle: string, text = KIAM): Promise<{ content: MarkupContent; hover: Hover }> {
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(text, needle) });
  assert.ok(hover, `a hover at ${needle}`);
  return { content: hover.contents as MarkupContent, hover };
}

describe('incident metrics for a client that shows Markdown', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
    await client.open(URI, KIAM);
    await client.waitForDiagnostics(URI);
  });
  after(() => client.stop());

  test('the Timeline heading: 54 minutes to detect as stated, never 26; the unknown ones said so', async () => {
    const { content, hover } = await hoverAt(client, 'Timeline\n');
    assert.equal(content.kind, 'markdown');
    assert.equal(textAt(KIAM, hover.range!), 'Timeline');
    assert.match(content.value, /^\*\*Timeline\*\*: 2020-01-21 15:36 → 2020-01-21 18:04 \(2 h 28 min\)$/m);
    assert.match(content.value, /^- Time to detect: 54 min, stated on line 41 \(“Time to detection: 54 minutes”\)$/m);
    assert.match(content.value, /^- Time to acknowledge: unknown$/m);
    assert.match(content.value, /^- Time to mitigate: unknown$/m);
    assert.match(content.value, /^- Time to resolve: 2 h 28 min, stated on line 42 \(“Time to recovery: 148 minutes”\)$/m);
    assert.doesNotMatch(content.value, /26 min/);
  });

  test('an entry: its text with the inline code, marks escaped', async () => {
    const { content } = await hoverAt(client, '2020-01-21 16:02');
    assert.equal(content.value.split('\n')[0], '**2020-01-21 16:02** — First alert indicating a problem, but from an affected service (k8s-janitor)');
  });

  test('a code lens above the Timeline heading with the four metrics and their sources', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.deepEqual(
      lenses.map((l) => [textAt(KIAM, l.range), l.command?.title, l.command?.command]),
      [['Timeline', 'Time to detect 54 min (stated) · acknowledge unknown · mitigate unknown · resolve 2 h 28 min (stated)', '']],
    );
  });

  test('pm/metrics-mismatch once the first alert is tagged as the detection; the hover and lens then take the tag', async () => {
    await client.replace(URI, 2, TAGGED);
    const published = await client.waitForDiagnostics(URI, { version: 2 });
    const [diagnostic, ...rest] = withRule(published, 'pm/metrics-mismatch');
    assert.deepEqual(rest, []);
    assert.equal(textAt(TAGGED, diagnostic.range), '54 minutes');
    assert.deepEqual(diagnostic.range.start, { line: 40, character: 21 });
    assert.match(String(diagnostic.message), /the entry at 2020-01-21 16:02 tagged \[detected\] is 26 min after the start/);
    assert.equal(diagnostic.relatedInformation?.[0].location.range.start.line, 15);
    const { content } = await hoverAt(client, 'Timeline\n', TAGGED);
    assert.match(content.value, /^- Time to detect: 26 min, timeline entry 2020-01-21 16:02 tagged \\\[detected\\\] \(line 16\)$/m, 'the tag outranks the stated line');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.match(lenses[0].command?.title ?? '', /^Time to detect 26 min \(tagged\) · /);
  });
});

const PLAIN_CLIENTS: [string, HoverClientCapabilities][] = [
  ['plaintext', { contentFormat: ['plaintext'] }],
  ['no contentFormat', {}],
];

for (const [name, hover] of PLAIN_CLIENTS) {
  describe(`incident metrics for a client whose hover has ${name}`, () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start({ capabilities: { textDocument: { hover, codeLens: {} } }, initializationOptions: { incidentDocs: FAST } });
      await client.open(URI, KIAM);
      await client.waitForDiagnostics(URI);
    });
    after(() => client.stop());

    test('the hover comes as plain text: no Markdown marks, no escapes', async () => {
      const { content } = await hoverAt(client, 'Timeline\n');
      assert.equal(content.kind, 'plaintext');
      assert.match(content.value, /^Timeline: 2020-01-21 15:36 → 2020-01-21 18:04 \(2 h 28 min\)$/m);
      assert.match(content.value, /^- Time to detect: 54 min, stated on line 41 \(“Time to detection: 54 minutes”\)$/m);
      assert.doesNotMatch(content.value, /\*\*|\\|`/);
      const entry = await hoverAt(client, '2020-01-21 16:02');
      assert.equal(entry.content.value.split('\n')[0], '2020-01-21 16:02 — First alert indicating a problem, but from an affected service (k8s-janitor)');
    });

    test('the code lens is the same', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
      assert.deepEqual(lenses.map((l) => l.command?.title), ['Time to detect 54 min (stated) · acknowledge unknown · mitigate unknown · resolve 2 h 28 min (stated)']);
    });
  });
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lostScopes, scoped, tokenAt, tokenize, type Token } from './tokenize';

const MD = 'text.html.markdown';
const TICKET = 'constant.other.ticket.incident-docs';
const TIME = 'constant.numeric.time.incident-docs';
const DATETIME = 'constant.numeric.time.datetime.incident-docs';

const doc = `---
title: Post-mortem 2026-11-27 14:00
---
## 14:43 UTC page for RHCLOUD-8613

All times in UTC. See owner/repo#123, #45 and [RHCLOUD-8669](https://jira.example.com/browse/RHCLOUD-8669).

- 2:43pm Initial page and acknowledgement
- 2:48 p.m. no payloads; [16:04] chat says it is back
- at 2020-08-16T16:14:00Z it expired, 2020-08-16 16:20 noticed

| Time (UTC) | Notes |
| --- | --- |
| 14:43 | RHIOPS-761 opened |

<table>
<tr><td>3:04pm</td><td><a href="https://jira.example.com/browse/RHCLOUD-8666">RHCLOUD-8666</a></td></tr>
</table>

<!-- incident-docs-disable-next-line pm/invalid-time at 10:00 OPS-1 -->

\`\`\`text
14:43 RHCLOUD-1 owner/repo#7 2020-08-16T16:14:00Z
\`\`\`

    14:44 indented code OPS-2

Inline \`14:45 OPS-3\` code; not times: ratio 1:2, version v1.2:30, 12:61, 3.14:15; &#123; is an entity.

## Action Items
`;

const lines = doc.split('\n');
let tokens: Token[];
const tokensP = tokenize(MD, doc).then((t) => (tokens = t));

describe('Markdown injection: ticket keys and timeline times', () => {
  test('ticket keys: Jira keys, owner/repo#123 and #123, in a heading, prose, link text, pipe table and HTML table', async () => {
    await tokensP;
    assert.deepEqual(scoped(tokens, TICKET), ['RHCLOUD-8613', 'owner/repo#123', '#45', 'RHCLOUD-8669', 'RHIOPS-761', 'RHCLOUD-8666']);
  });

  test('times: 24-hour, am/pm, p.m., bracketed, in a heading, list items, pipe table and HTML table', async () => {
    await tokensP;
    assert.deepEqual(scoped(tokens, TIME), ['14:43', '2:43pm', '2:48 p.m.', '16:04', '14:43', '3:04pm']);
    assert.deepEqual(scoped(tokens, DATETIME), ['2020-08-16T16:14:00Z', '2020-08-16 16:20']);
  });

  test('a bracketed time keeps its brackets as punctuation', async () => {
    await tokensP;
    assert.ok(tokenAt(tokens, '[16:04]', '[', lines).scopes.includes('punctuation.definition.time.begin.incident-docs'));
    assert.ok(tokenAt(tokens, '[16:04]', ']', lines).scopes.includes('punctuation.definition.time.end.incident-docs'));
  });

  test('nothing in code (fenced, indented, inline), link targets, HTML attributes, comments or front matter', async () => {
    await tokensP;
    const cases: [string, string][] = [
      ['owner/repo#7', '14:43'], ['owner/repo#7', 'RHCLOUD-1'], ['owner/repo#7', 'owner/repo#7'], ['owner/repo#7', '2020-08-16T16:14:00Z'],
      ['indented code', '14:44'], ['indented code', 'OPS-2'], ['Inline', '14:45'], ['Inline', 'OPS-3'],
      ['incident-docs-disable', '10:00'], ['incident-docs-disable', 'OPS-1'], ['href=', 'browse/RHCLOUD-8666'],
      ['See owner', 'browse/RHCLOUD-8669'], ['title:', '2026-11-27 14:00'], ['not times', '1:2'], ['not times', 'v1.2:30'],
      ['not times', '12:61'], ['not times', '3.14:15'], ['not times', '&#123;'],
    ];
    for (const [marker, needle] of cases) {
      const line = lines.findIndex((l) => l.includes(marker) && l.includes(needle));
      assert.ok(line >= 0, `${marker} / ${needle} in the document`);
      const from = lines[line].indexOf(needle);
      let column = 0;
      for (const t of tokens.filter((t) => t.line === line)) {
        const overlaps = column < from + needle.length && column + t.text.length > from;
        if (overlaps) assert.ok(!t.scopes.some((s) => s.endsWith('.incident-docs')), `${needle} (${marker}): ${t.scopes.join(' ')}`);
        column += t.text.length;
      }
    }
  });

  test('the base grammar’s scopes stay on the same tokens: heading, list item, link, table', async () => {
    await tokensP;
    const heading = tokenAt(tokens, '## 14:43', 'RHCLOUD-8613', lines).scopes;
    for (const s of ['markup.heading.markdown', 'entity.name.section.markdown', TICKET]) assert.ok(heading.includes(s), s);
    const item = tokenAt(tokens, '- 2:43pm', '2:43pm', lines).scopes;
    for (const s of ['markup.list.unnumbered.markdown', TIME]) assert.ok(item.includes(s), s);
    assert.ok(tokenAt(tokens, '- 2:43pm', '-', lines).scopes.includes('punctuation.definition.list.begin.markdown'));
    const link = tokenAt(tokens, 'See owner', 'RHCLOUD-8669', lines).scopes;
    for (const s of ['meta.link.inline.markdown', 'string.other.link.title.markdown', TICKET]) assert.ok(link.includes(s), s);
    assert.ok(tokenAt(tokens, '| 14:43 |', '14:43', lines).scopes.includes('markup.table.markdown'));
    assert.ok(tokenAt(tokens, '## Action Items', 'Action Items', lines).scopes.includes('entity.name.section.markdown'));
  });

  test('injection only adds scopes, except on [16:04], which Markdown alone reads as a link reference', async () => {
    const lost = await lostScopes(MD, doc);
    assert.equal(lost.map((l) => l.char).join(''), '[16:04]', JSON.stringify(lost.slice(0, 3)));
    assert.ok(lost.every((l) => lines[l.line].includes('[16:04]')));
    assert.ok(lost.every((l) => l.lost.every((s) => /link/.test(s))), JSON.stringify(lost[0]?.lost));
  });

  test('times at the start of a list item or paragraph keep the paragraph scope on the rest of the line', async () => {
    const text = '- 14:43 page came in\n\n14:50 RHCLOUD-1 opened\n- [16:04] back\n';
    assert.deepEqual(await lostScopes(MD, text).then((l) => l.filter((x) => x.lost.includes('meta.paragraph.markdown'))), []);
    const t = await tokenize(MD, text);
    assert.deepEqual(scoped(t, TIME), ['14:43', '14:50', '16:04']);
    assert.ok(tokenAt(t, '14:50', 'RHCLOUD-1', text.split('\n')).scopes.includes('meta.paragraph.markdown'));
  });

  test('the seed post-mortem: its timeline times and visible ticket keys, not the keys in its hrefs', async () => {
    const seed = readFileSync(path.join(__dirname, '..', 'fixtures/postmortems/3scale-cert-expiry-postmortem.md'), 'utf8');
    const seedTokens = await tokenize(MD, seed);
    const cellTimes = [...seed.matchAll(/<td>(\d{1,2}:\d{2}(?:am|pm))<\/td>/g)].map((m) => m[1]);
    assert.ok(cellTimes.length >= 10);
    const scopedTimes = scoped(seedTokens, TIME);
    // Every timeline cell, in order (the Overview's and Impact's times come before them).
    assert.deepEqual(scopedTimes.slice(-cellTimes.length), cellTimes);
    for (const t of ['12:21pm', '16:04pm', '16:14']) assert.ok(scopedTimes.includes(t), t);
    const visibleKeys = [...seed.matchAll(/<span class="underline">([A-Z]+-\d+)<\/span>/g)].map((m) => m[1]);
    assert.ok(visibleKeys.length >= 5);
    const keys = scoped(seedTokens, TICKET).filter((k) => /^RH/.test(k));
    assert.deepEqual(keys, visibleKeys);
  });
});

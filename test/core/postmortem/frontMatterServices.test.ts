/** Completion and hover in a post-mortem's front matter, from the built-in fields and a team's schema. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/lint';
import { config, NOW } from '../../helpers/lint';

const dir = mkdtempSync(path.join(tmpdir(), 'fm-services-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const schemaFile = path.join(dir, 'fm.schema.json');
writeFileSync(
  schemaFile,
  JSON.stringify({
    properties: {
      team: { enum: ['payments', 'platform'], description: 'Owning team. ![x](https://tracker.example/p.png) <img src=x> [link](https://e.x)' },
      incident: { properties: { pagedAt: { type: 'string', title: 'When the pager fired' } } },
    },
  }),
);

function services(text: string, values: Record<string, unknown> = {}) {
  const analysis = analyze({ path: path.join(dir, 'postmortems', 'x.md'), root: dir, text }, config(values), { kind: 'postmortem' });
  const [parsed] = analysis.parsed;
  const context = { config: analysis.config, now: NOW, document: analysis.document };
  /** The offset just after `needle` (or `delta` into it). */
  const at = (needle: string, delta = needle.length) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + delta;
  };
  return {
    complete: (needle: string, delta?: number) => parsed.completion(at(needle, delta), context),
    hover: (needle: string, delta?: number) => parsed.hover(at(needle, delta), context),
  };
}

describe('front-matter completion', () => {
  const text = '---\ntitle: X\nstatus: \nincident:\n  started: 2026-03-02T10:00Z\n  \nsev\n---\n# Post-mortem: X\n\nsta\n';

  it('values a field lists, after its key, replacing what is typed', () => {
    const items = services(text).complete('status: ');
    assert.deepEqual(items.map((i) => [i.label, i.newText, i.kind]), [
      ['draft', 'draft', 'value'],
      ['in-review', 'in-review', 'value'],
      ['reviewed', 'reviewed', 'value'],
      ['published', 'published', 'value'],
    ]);
    const partial = '---\nseverity: SE\n---\n# X\n';
    const [first] = services(partial).complete('severity: SE');
    assert.deepEqual([first.label, first.span.end - first.span.start], ['SEV1', 2]);
  });

  it('top-level keys not given yet, at the start of a line; a mapping’s key opens an indented line', () => {
    const items = services(text).complete('\nsev');
    assert.deepEqual(items.map((i) => i.label), ['date', 'severity', 'authors', 'services', 'tickets', 'timezone']);
    const span = items[0].span;
    assert.equal(text.slice(span.start, span.end), 'sev');
    assert.equal(items.find((i) => i.label === 'severity')?.newText, 'severity: ');
    const empty = '---\n\n---\n# X\n';
    const incident = services(empty).complete('---\n').find((i) => i.label === 'incident');
    assert.equal(incident?.newText, 'incident:\n  ');
    assert.match(incident?.documentation ?? '', /moments of the incident/);
  });

  it('inside `incident`, its moments not given yet', () => {
    assert.deepEqual(services(text).complete('  \nsev', 2).map((i) => i.label), ['detected', 'acknowledged', 'mitigated', 'resolved']);
  });

  it('nothing outside the front matter, or where no key or value is being typed', () => {
    assert.deepEqual(services(text).complete('\n\nsta'), []);
    assert.deepEqual(services(text).complete('title: X'), [], 'a value no schema lists');
    assert.deepEqual(services('# Post-mortem: X\n\nsta\n').complete('sta'), []);
  });

  it('the team’s fields, first, and their listed values; nested ones under their mapping', () => {
    const fields = services('---\n\n---\n# X\n', { frontMatterSchema: schemaFile }).complete('---\n');
    assert.deepEqual(fields.slice(0, 2).map((i) => [i.label, i.detail]), [
      ['team', 'team schema'],
      ['incident', 'team schema'],
    ]);
    assert.ok(fields.some((i) => i.label === 'status' && i.detail === 'built-in'));
    assert.deepEqual(services('---\nteam: \n---\n# X\n', { frontMatterSchema: schemaFile }).complete('team: ').map((i) => i.label), ['payments', 'platform']);
    const nested = services('---\nincident:\n  \n---\n# X\n', { frontMatterSchema: schemaFile }).complete('incident:\n  ');
    assert.deepEqual(nested.map((i) => i.label), ['pagedAt', 'started', 'detected', 'acknowledged', 'mitigated', 'resolved']);
  });
});

describe('front-matter hover', () => {
  const text = '---\nstatus: draft\nincident:\n  resolved: 2026-03-02T10:00Z\nteam: payments\nown: x\n---\n# Post-mortem: X\n';

  it('on a built-in key: its description and values, over the key', () => {
    const hover = services(text).hover('status', 2);
    assert.equal(hover?.markdown, '**status** (front matter)\n\nWhere the post-mortem stands: draft, in-review, reviewed, published.\n\nOne of: draft, in-review, reviewed, published');
    assert.equal(text.slice(hover!.span.start, hover!.span.end), 'status');
    assert.match(services(text).hover('resolved', 1)?.markdown ?? '', /^\*\*incident\.resolved\*\* \(front matter\)\n\nWhen it was over/);
  });

  it('on a team key: the schema’s description, with nothing a Markdown renderer would act on (no image fetched, no link)', () => {
    const hover = services(text, { frontMatterSchema: schemaFile }).hover('team', 1);
    assert.equal(
      hover?.markdown,
      '**team** (front matter, team schema)\n\nOwning team. \\!\\[x\\](https://tracker.example/p.png) \\<img src=x\\> \\[link\\](https://e.x)\n\nOne of: payments, platform',
    );
  });

  it('nothing on a value, on a key no schema knows, or outside the front matter', () => {
    assert.equal(services(text).hover('draft', 1), undefined);
    assert.equal(services(text).hover('own', 1), undefined);
    assert.equal(services(text).hover('team', 1), undefined, 'without the team schema');
    assert.equal(services(text).hover('Post-mortem', 1), undefined);
  });
});

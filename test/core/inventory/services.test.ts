import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lint } from '../../../server/src/core/lint';
import type { RuleContext } from '../../../server/src/core/rule';
import type { SourceDocument } from '../../../server/src/core/types';
import { describeExpiry } from '../../../server/src/core/inventory/dates';
import { NOW } from '../../helpers/inventory';

const TEXT = `defaults:
  warnDays: 30
  owner: platform-team@example.com
certificates:
  - name: soon
    hosts: [a.example.com]
    notify: jane.doe@example.com
    expires: 2026-12-20T12:00:00Z
  - name: gone
    hosts: [b.example.com]
    expires: 2026-11-24
  - name: today
    hosts: [c.example.com]
    expires: 2026-11-27T18:00:00Z
    warnDays: 7
  - hosts: [d.example.com]
    expires: not a date
`;

function services(text: string, path = '/repo/cert-inventory.yaml') {
  const document: SourceDocument = { path, text };
  const analysis = analyze(document, defaultConfig());
  assert.equal(analysis.parsed.length, 1);
  const parsed = analysis.parsed[0];
  const context: RuleContext = { config: defaultConfig(), now: NOW, document };
  return { parsed, model: parsed.model, context };
}

describe('code lenses', () => {
  it('says when each entry expires, relative to now, above the entry', () => {
    const { parsed, context } = services(TEXT);
    const all = parsed.codeLenses(context);
    const lenses = all.filter((l) => l.title !== 'Check live');
    assert.deepEqual(lenses.map((l) => l.title), ['Expires in 23 days · 2026-12-20', 'Expired 3 days ago', 'Expires today']);
    assert.ok(all.filter((l) => l.title === 'Check live').every((l) => l.command?.id === 'incidentDocs.checkLiveEntry'));
    assert.deepEqual(lenses.map((l) => TEXT.slice(l.span.start, l.span.end)), ['soon', 'gone', 'today']);
  });
  it('words the edge cases', () => {
    assert.equal(describeExpiry(new Date('2026-11-28T01:00:00Z'), NOW), 'Expires in 1 day · 2026-11-28');
    assert.equal(describeExpiry(new Date('2026-11-27T01:00:00Z'), NOW), 'Expired today');
    assert.equal(describeExpiry(new Date('2026-11-26T23:00:00Z'), NOW), 'Expired 1 day ago');
  });
});

describe('hover', () => {
  it('on expires shows the lens text and the warn window with its source', () => {
    const { parsed, context } = services(TEXT);
    const at = TEXT.indexOf('2026-12-20T12') + 3;
    const hover = parsed.hover(at, context);
    assert.ok(hover);
    assert.match(hover.markdown, /Expires in 23 days · 2026-12-20/);
    assert.match(hover.markdown, /Warn window: 30 days \(from `defaults.warnDays`\); it is inside the warn window/);
    const onKey = parsed.hover(TEXT.indexOf('expires: 2026-11-27') + 2, context);
    assert.match(onKey!.markdown, /Warn window: 7 days \(from the entry's `warnDays`\)/);
    assert.match(parsed.hover(TEXT.indexOf('not a date') + 1, context)!.markdown, /Not a date/);
  });
  it('on an e-mail says why it is or is not personal', () => {
    const { parsed, context } = services(TEXT);
    const team = parsed.hover(TEXT.indexOf('platform-team@') + 2, context);
    assert.match(team!.markdown, /\*\*Team address\*\*[\s\S]*role or team \("platform"\)/);
    assert.equal(parsed.hover(TEXT.indexOf('hosts'), context), undefined);
    // With the rule off there is no finding to say why: the hover does.
    const off = { ...context, config: { ...context.config, rules: { 'cert/personal-email': 'off' as const } } };
    assert.match(parsed.hover(TEXT.indexOf('jane.doe') + 2, off)!.markdown, /\*\*Personal address\*\*[\s\S]*first\.last[\s\S]*team address/);
  });
  it('on a reported personal address adds to the finding’s message, never repeats it (the editor shows both)', () => {
    const text = TEXT.replace('  - name: gone\n', '  - name: gone\n    owner: jane.doe@example.com\n');
    const { parsed, context } = services(text);
    const [finding] = lint({ path: '/repo/cert-inventory.yaml', text }, defaultConfig(), { now: NOW }).filter((f) => f.rule === 'cert/personal-email');
    const first = parsed.hover(text.indexOf('jane.doe') + 2, context)!.markdown;
    assert.match(first, /^\*\*Personal address\*\* \(cert\/personal-email\)\n\nSet `defaultTeamEmail`/);
    const sentences = (s: string) => s.split(/(?<=\.)\s+/).map((x) => x.trim()).filter((x) => x.length > 20);
    assert.deepEqual(sentences(first).filter((s) => finding.message.includes(s)), [], `hover: ${first}\nmessage: ${finding.message}`);
    // The second use has no finding of its own: its hover explains.
    const second = parsed.hover(text.lastIndexOf('jane.doe') + 2, context)!.markdown;
    assert.match(second, /^\*\*Personal address\*\*\n\n`jane\.doe@example\.com` looks personal/);
  });
});

describe('outline', () => {
  it('has one symbol per entry, named after it', () => {
    const { parsed } = services(TEXT);
    const outline = parsed.outline();
    assert.deepEqual(outline.map((o) => [o.name, o.kind]), [
      ['soon', 'entry'],
      ['gone', 'entry'],
      ['today', 'entry'],
      ['entry #4', 'entry'],
    ]);
    assert.equal(TEXT.slice(outline[0].selectionSpan.start, outline[0].selectionSpan.end), 'soon');
  });
  it('has one symbol per cert-manager resource, Kind/name, ignoring other documents', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: prod\nspec: {}\n';
    const { parsed, model } = services(text, '/k8s/web.yaml');
    const outline = parsed.outline();
    assert.deepEqual(outline.map((o) => [o.name, o.kind, o.detail]), [['Certificate/web', 'resource', 'prod']]);
    assert.equal(model.kind, 'cert-manager');
  });
});

describe('certificate rows (the Certificates view, Look Up, the status bar)', () => {
  it('an automated entry with a known lifetime carries its renewal point; manual ones and unknown lifetimes do not', async () => {
    const { certificateRows } = await import('../../../server/src/core/inventory/services');
    const { buildCertModel } = await import('../../../server/src/core/inventory/model');
    const text = `certificates:
  - name: acme90
    hosts: [a.example.com]
    renewal: { method: acme }
    issued: 2026-11-01
    lifetime: 90d
  - name: manual90
    hosts: [b.example.com]
    renewal: { method: manual }
    issued: 2026-11-01
    lifetime: 90d
  - name: acme-typed-only
    hosts: [c.example.com]
    renewal: { method: cert-manager }
    expires: 2027-01-30
`;
    const config = defaultConfig();
    const rows = certificateRows(buildCertModel({ path: '/repo/cert-inventory.yaml', text }, config), config, new Date(NOW));
    assert.equal(rows[0].renewalDue?.toISOString(), '2026-12-31T00:00:00.000Z'); // 2026-11-01 + 60 days
    assert.equal(rows[1].renewalDue, undefined, 'manual renewal has no renewal point');
    assert.equal(rows[2].renewalDue, undefined, 'an expiry alone gives no lifetime');
  });

  it('a 47-day acme certificate renewing soon comes before a manual one expiring earlier than it: ordered by the date that matters', async () => {
    const { certificateRows } = await import('../../../server/src/core/inventory/services');
    const { buildCertModel } = await import('../../../server/src/core/inventory/model');
    const { sortByExpiry } = await import('../../../client/src/certificates/certificateList');
    const text = `certificates:
  - name: manual
    hosts: [m.example.com]
    renewal: { method: manual }
    expires: 2026-12-20
  - name: acme47
    hosts: [a.example.com]
    renewal: { method: acme }
    issued: 2026-11-10
    lifetime: 47d
`;
    const config = defaultConfig();
    const rows = certificateRows(buildCertModel({ path: '/repo/cert-inventory.yaml', text }, config), config, new Date(NOW));
    const [manual, acme] = rows;
    assert.equal(acme.expires?.toISOString(), '2026-12-27T00:00:00.000Z', 'expires a week after the manual one');
    // 2/3 of 47 days (31 days 8 hours) after issue, counted here by hand.
    assert.equal(acme.renewalDue?.toISOString(), '2026-12-11T08:00:00.000Z');
    assert.equal(acme.renewalDaysLeft, 14, 'calendar days from 2026-11-27');
    assert.equal(manual.renewalDue, undefined);
    assert.equal(manual.renewalDaysLeft, undefined);
    // What the lists do with them (the client orders what the server sends): renewal point first.
    const asSent = rows.map((r) => ({ uri: 'file:///repo/cert-inventory.yaml', index: r.index, name: r.name, hosts: r.hosts, expires: r.expires?.toISOString(), daysLeft: r.daysLeft, renewalDue: r.renewalDue?.toISOString() ?? null, renewalDaysLeft: r.renewalDaysLeft, warnDays: r.warnDays, state: r.state, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
    assert.deepEqual(sortByExpiry(asSent).map((c) => c.name), ['acme47', 'manual']);
  });
});

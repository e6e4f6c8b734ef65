/**
 * `incident-docs export ical` through the built CLI, read back with ical.js (Mozilla's RFC 5545
 * parser, another implementation than the writer): every field of every event, dates from the
 * PEM and from typed fields, renewal points of automated entries, stable UIDs across exports,
 * hostile text kept inside its property, folding at 75 octets and CRLF line ends.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { createCertificate } from '../helpers/tls';
import { runCli, tempTree } from '../cli/helpers';

const NOW = '2026-12-02T08:00:00Z';
const pemLeaf = createCertificate({
  commonName: 'pem.example.com',
  notBefore: new Date('2026-11-01T10:00:00Z'),
  notAfter: new Date('2026-12-18T10:00:00Z'), // 47 days
});

function inventory(extra = ''): string {
  return `defaults:
  notify: [platform@example.com, "ops, team; lead@example.com"]
  renewal: { method: acme, sop: "https://wiki.example.com/renew", escalation: [sre-lead@example.com] }
certificates:
  - name: api-gateway
    hosts: [api.example.com, "api2.example.com:8443"]
    owner: platform@example.com
    issued: 2026-10-01
    lifetime: 90d
  - name: from-pem
    hosts: [pem.example.com]
    owner: platform@example.com
    pem: |
${pemLeaf.certPem.trim().split('\n').map((l) => `      ${l}`).join('\n')}
  - name: "manual; hostile,name\\\\nBEGIN:VEVENT"
    hosts: [legacy.example.com]
    owner: jane@example.com
    expires: 2027-01-15
    warnDays: 21
    renewal: { method: manual, sop: "call Bob" }
  - name: no-date
    hosts: [x.example.com]
${extra}`;
}

interface Exported {
  code: number | null;
  stdout: string;
  stderr: string;
  text: string;
  events: ICAL.Event[];
}

function exportCalendar(files: Record<string, string>, args: string[] = []): Exported {
  const root = tempTree(files);
  const r = runCli(['export', 'ical', 'certs/certificates.yaml', '--out', 'out.ics', '--now', NOW, ...args], { cwd: root });
  const text = fs.existsSync(path.join(root, 'out.ics')) ? fs.readFileSync(path.join(root, 'out.ics'), 'utf8') : '';
  const events = text ? new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) : [];
  return { ...r, text, events };
}

const byUid = (events: ICAL.Event[]) => new Map(events.map((e) => [e.uid, e]));
const dateOf = (event: ICAL.Event) => event.startDate.toString();

describe('export ical', () => {
  const run = exportCalendar({ 'certs/certificates.yaml': inventory() });

  it('writes a calendar, says what it wrote and what it skipped', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Wrote out.ics: 3 certificates, 5 events (2 renewals due).\n');
    assert.match(run.stderr, /entry "no-date" has no expiry date .*; skipped/);
    assert.equal(run.events.length, 5);
  });

  it('each certificate: an all-day event on its expiry day (typed or from the PEM), with a reminder at its warn window', () => {
    const expiries = run.events.filter((e) => e.summary.startsWith('Certificate expires: '));
    assert.deepEqual(
      expiries.map((e) => [e.summary, dateOf(e), e.startDate.isDate]),
      [
        ['Certificate expires: api-gateway', '2026-12-30', true],
        ['Certificate expires: from-pem', '2026-12-18', true],
        ['Certificate expires: manual; hostile,name\\nBEGIN:VEVENT', '2027-01-15', true],
      ],
    );
    const alarms = expiries.map((e) => e.component.getFirstSubcomponent('valarm'));
    // warnShare of a 90-day lifetime is 30 days, of the PEM's 47 days 15; the third says 21.
    assert.deepEqual(
      alarms.map((a) => [a?.getFirstPropertyValue('action'), a?.getFirstPropertyValue('trigger')?.toString()]),
      [
        ['DISPLAY', '-P30D'],
        ['DISPLAY', '-P15D'],
        ['DISPLAY', '-P21D'],
      ],
    );
    const pem = expiries[1];
    assert.match(pem.description, /^Expires 2026-12-18T10:00:00Z \(from the PEM\)\. Warn window: 15 days\.\n/);
  });

  it('automated entries: a second event on the day renewal is due (renewAtShare of the lifetime)', () => {
    const renewals = run.events.filter((e) => e.summary.startsWith('Certificate renewal due: '));
    // api-gateway: 2026-10-01 + 2/3 × 90 days; from-pem: 2026-11-01T10:00 + 2/3 × 47 days.
    assert.deepEqual(renewals.map((e) => [e.summary, dateOf(e)]), [
      ['Certificate renewal due: api-gateway', '2026-11-30'],
      ['Certificate renewal due: from-pem', '2026-12-02'],
    ]);
    assert.match(renewals[0].description, /^Renewal \(acme\) is due today\. If the certificate has not been replaced by 2026-12-30, automation is broken/);
    assert.equal(renewals[0].component.getFirstSubcomponent('valarm'), null);
  });

  it('descriptions carry the hosts, owner, notify list, SOP and escalation; the SOP link is the URL', () => {
    const api = run.events[0];
    assert.equal(
      api.description,
      [
        'Expires 2026-12-30T00:00:00Z (typed). Warn window: 30 days.',
        'Hosts: api.example.com, api2.example.com:8443',
        'Owner: platform@example.com',
        'Notify: platform@example.com, ops, team; lead@example.com',
        'How to renew: https://wiki.example.com/renew',
        'Escalation: sre-lead@example.com',
        'Inventory: certs/certificates.yaml',
      ].join('\n'),
    );
    assert.equal(api.component.getFirstPropertyValue('url'), 'https://wiki.example.com/renew');
    const manual = run.events.find((e) => e.summary.startsWith('Certificate expires: manual'))!;
    assert.equal(manual.component.getFirstPropertyValue('url'), null, 'a SOP that is not a link is only text');
    assert.match(manual.description, /\nHow to renew: call Bob\n/);
  });

  it('RFC 5545 text: CRLF line ends, no line over 75 octets, one VEVENT per event whatever the names hold', () => {
    const lines = run.text.split('\r\n');
    assert.equal(run.text.replace(/\r\n/g, '').includes('\n'), false, 'every line ends in CRLF');
    assert.ok(lines.every((l) => Buffer.byteLength(l) <= 75), lines.find((l) => Buffer.byteLength(l) > 75));
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 5);
    assert.equal(run.events.every((e) => e.component.getFirstPropertyValue('dtstamp')?.toString() === '2026-12-02T08:00:00Z'), true);
  });

  it('UIDs are stable: a re-export after edits and reordering updates the same events', () => {
    const reordered = inventory().replace(/  - name: api-gateway[\s\S]*?lifetime: 90d\n/, '');
    const apiLater = '  - name: api-gateway\n    hosts: [api.example.com]\n    issued: 2026-11-01\n    lifetime: 90d\n';
    const again = exportCalendar({ 'certs/certificates.yaml': reordered + apiLater });
    assert.equal(again.code, 0, again.stderr);
    const before = byUid(run.events);
    const after = byUid(again.events);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    const expiryUid = run.events[0].uid;
    assert.match(expiryUid, /^[0-9a-f]{32}-expiry@incident-docs$/);
    assert.equal(dateOf(after.get(expiryUid)!), '2027-01-30', 'the same event, moved');
    assert.equal(new Set(run.events.map((e) => e.uid)).size, 5, 'every event its own UID');
  });

  it('control characters and long names stay inside their property', () => {
    const hostile = exportCalendar({
      'certs/certificates.yaml': `certificates:\n  - name: "a\\r\\nEND:VCALENDAR\\u0007${'x'.repeat(2000)}"\n    hosts: [h.example.com]\n    expires: 2027-01-01\n`,
    });
    assert.equal(hostile.code, 0, hostile.stderr);
    assert.equal(hostile.events.length, 1);
    const summary = hostile.events[0].summary;
    assert.ok(summary.startsWith('Certificate expires: a END:VCALENDAR x'), summary.slice(0, 60));
    assert.ok(summary.length < 600 && summary.endsWith('…'));
    assert.equal(hostile.text.split('\r\n').filter((l) => l === 'END:VCALENDAR').length, 1);
  });

  it('an inventory that does not parse, or an --out that cannot be written, is exit 2 and no file', () => {
    const broken = exportCalendar({ 'certs/certificates.yaml': 'certificates: [\n' });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /YAML syntax error/);
    assert.equal(broken.text, '');
    const root = tempTree({ 'certs/certificates.yaml': inventory() });
    const r = runCli(['export', 'ical', 'certs/certificates.yaml', '--out', 'missing/dir/out.ics', '--now', NOW], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out missing\/dir\/out\.ics: cannot write \(ENOENT\)/);
    assert.deepEqual(fs.readdirSync(root).sort(), ['certs'], 'no temporary file left');
  });
});

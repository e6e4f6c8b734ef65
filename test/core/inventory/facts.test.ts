/**
 * An entry's certificate facts: live > PEM > typed, the lens and hover naming the source, the
 * warn window scaled by the lifetime, and today's inventories (one-year `expires`, no new
 * fields) judged exactly as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lint, lintAnalysis } from '../../../server/src/core/lint';
import { probeCertificate } from '../../../server/src/core/live';
import { liveKey, type LiveObservations } from '../../../server/src/core/live/observations';
import type { RuleContext } from '../../../server/src/core/rule';
import { DAY_MS } from '../../../server/src/core/units';
import { byRule, CLEAN_INVENTORY, configWith, covered, indent, lintYaml, makeCertificatePem, NOW } from '../../helpers/inventory';
import { addDays, createCertificate, startTlsServer, type TestTlsServer } from '../../helpers/tls';

const HEAD = 'defaults:\n  owner: pki@example.com\n  notify: pki@example.com\ncertificates:\n';

function services(text: string, live?: LiveObservations) {
  const document = { path: '/repo/cert-inventory.yaml', text };
  const [parsed] = analyze(document, defaultConfig(), { now: NOW }).parsed;
  const context: RuleContext = { config: defaultConfig(), now: NOW, document, live };
  return { lenses: parsed.codeLenses(context).map((l) => l.title), hover: (needle: string) => parsed.hover(text.indexOf(needle) + 1, context)?.markdown ?? '' };
}

describe('one-year inventories with typed expires and no new fields', () => {
  const variants = [
    CLEAN_INVENTORY,
    CLEAN_INVENTORY.replace('expires: 2027-08-16T16:14:00Z', 'expires: 2026-12-20T12:00:00Z'),
    CLEAN_INVENTORY.replace('expires: 2027-08-16T16:14:00Z', 'expires: 2026-11-24'),
    CLEAN_INVENTORY.replace('method: internal-ca', 'method: acme').replace('  warnDays: 30\n', ''),
    CLEAN_INVENTORY.replace('method: internal-ca', 'method: acme').replace('expires: 2027-08-16T16:14:00Z', 'expires: 2026-12-01'),
  ];
  it('lint the same whatever warnShare and renewAtShare say: their lifetime is unknown', () => {
    for (const text of variants) {
      const base = lintYaml(text);
      assert.deepEqual(lintYaml(text, { config: configWith({ warnShare: 0.9, renewAtShare: 0.1 }) }), base);
      assert.deepEqual(lintYaml(text, { config: configWith({ warnShare: 0 }) }), base);
    }
  });
  it('keep the 30-day window and the acme entry without expires is still missing it', () => {
    const noWindow = variants[3].replace('expires: 2027-08-16T16:14:00Z', 'expires: 2026-12-20T12:00:00Z');
    assert.match(byRule(lintYaml(noWindow), 'cert/expiring')[0].message, /30-day warn window \(the warnDays setting\)/);
    const noExpires = variants[3].replace('    expires: 2027-08-16T16:14:00Z\n', '');
    assert.match(byRule(lintYaml(noExpires), 'cert/missing-field')[0].message, /no `expires`/);
  });
});

describe('the warn window scales with a known lifetime', () => {
  const manual = (fields: string) => `${HEAD}  - name: api\n    hosts: [api.example.com]\n    renewal: { method: manual, sop: https://wiki.example.com/renew }\n${fields}`;
  it('a 47-day certificate warns at 15 days, on issued', () => {
    const text = manual('    issued: 2026-10-25\n    lifetime: 47d\n');
    const [finding] = byRule(lintYaml(text), 'cert/expiring');
    assert.equal(finding.message, 'Certificate "api" expires in 14 days (2026-12-11), within the 15-day warn window (warnShare, 1/3 of its 47-day lifetime).');
    assert.equal(covered(text, finding.range), '2026-10-25');
    assert.deepEqual(byRule(lintYaml(manual('    issued: 2026-10-28\n    lifetime: 47d\n')), 'cert/expiring'), [], '17 days left');
  });
  it('a one-year PEM warns at 121 days; an explicit warnDays and warnShare 0 keep the old window', () => {
    const notAfter = new Date(NOW.getTime() + 100 * DAY_MS);
    const pem = makeCertificatePem({ dnsNames: ['api.example.com'], notBefore: new Date(notAfter.getTime() - 365 * DAY_MS), notAfter });
    const text = manual(`    pem: |\n${indent(pem, 6)}\n`);
    const [finding] = byRule(lintYaml(text), 'cert/expiring');
    assert.match(finding.message, /expires in 100 days \(2027-03-07, from the PEM\), within the 121-day warn window \(warnShare, 1\/3 of its 365-day lifetime\)/);
    assert.equal(covered(text, finding.range)[0], '|');
    assert.deepEqual(byRule(lintYaml(text.replace('    pem: |', '    warnDays: 30\n    pem: |')), 'cert/expiring'), []);
    assert.deepEqual(byRule(lintYaml(text, { config: configWith({ warnShare: 0 }) }), 'cert/expiring'), []);
    assert.equal(byRule(lintYaml(text, { config: configWith({ warnShare: 0, warnDays: 120 }) }), 'cert/expiring').length, 1);
  });
  it('an automated certificate with a renewal point is judged by it, not by the window', () => {
    const text = `${HEAD}  - name: api\n    hosts: [api.example.com]\n    renewal: { method: acme }\n    issued: 2026-10-25\n    lifetime: 47d\n`;
    const findings = lintYaml(text);
    assert.deepEqual(byRule(findings, 'cert/expiring'), []);
    assert.equal(byRule(findings, 'cert/renewal-overdue').length, 1);
    assert.deepEqual(byRule(findings, 'cert/missing-field'), [], 'issued stands in for expires');
  });
});

describe('cert-manager entries and the new fields', () => {
  it('need no dates; lifetime, trust and issued are checked', () => {
    const text = `${HEAD}  - name: api\n    hosts: [api.example.com]\n    renewal: { method: cert-manager }\n`;
    assert.deepEqual(lintYaml(text), []);
    const bad = `${HEAD}  - name: api\n    hosts: [api.example.com]\n    renewal: { method: cert-manager }\n    issued: 2026-02-30\n    lifetime: ninety days\n    trust: maybe\n`;
    const messages = byRule(lintYaml(bad), 'cert/invalid-value').map((f) => [covered(bad, f.range), f.message]);
    assert.deepEqual(messages, [
      ['2026-02-30', 'Entry "api": `issued` is not a valid date: "2026-02-30" is not a day of the calendar (2026-02 has 28 days).'],
      ['ninety days', 'Entry "api": `lifetime`: "ninety days" is not a lifetime: write days (90d, 47d) or hours (2160h).'],
      ['maybe', 'Entry "api": `trust` should be public or private, not "maybe".'],
    ]);
  });
});

describe('sources: live, then the PEM, then typed', () => {
  const ca = createCertificate({ commonName: 'Facts CA', isCa: true, notBefore: addDays(NOW, -10), notAfter: addDays(NOW, 3650) });
  const served = createCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], issuer: ca, notBefore: addDays(NOW, -1), notAfter: addDays(NOW, 89) });
  let server: TestTlsServer;
  before(async () => {
    server = await startTlsServer({ chain: [served] });
  });
  after(() => server.close());

  it('the lens and hover say which source they used', async () => {
    const pem = makeCertificatePem({ dnsNames: ['127.0.0.1'], ips: ['127.0.0.1'], notBefore: addDays(NOW, -60), notAfter: addDays(NOW, 25) });
    const typed = `${HEAD}  - name: api\n    hosts: [${server.target}]\n    renewal: { method: manual, sop: https://wiki.example.com/renew }\n    expires: 2026-12-20T12:00:00Z\n`;
    const withPem = `${typed}    pem: |\n${indent(pem, 6)}\n`;
    assert.deepEqual(services(typed).lenses.filter((t) => t !== 'Check live'), ['Expires in 23 days · 2026-12-20']);
    assert.match(services(typed).hover('2026-12-20'), /Source: typed/);
    assert.deepEqual(services(withPem).lenses.filter((t) => t !== 'Check live'), ['Expires in 25 days · 2026-12-22 · from the PEM']);
    assert.match(services(withPem).hover('2026-12-20'), /\*\*Expires in 25 days · 2026-12-22 · from the PEM\*\*[\s\S]*Source: from the PEM/);
    const outcome = await probeCertificate({ host: '127.0.0.1', port: server.port, extraCaPems: [ca.certPem], now: NOW, timeoutMs: 10_000 });
    const live: LiveObservations = new Map([[liveKey('127.0.0.1', server.port), { outcome }]]);
    const titles = services(withPem, live).lenses;
    assert.equal(titles[0], `Expires in 89 days · ${served.notAfter.toISOString().slice(0, 10)} · live`);
    assert.match(services(withPem, live).hover('2026-12-20'), /Source: live/);
    // The rules read the same source: 89 days, a 30-day window (1/3 of 90), nothing to say.
    const analysis = analyze({ path: '/repo/cert-inventory.yaml', text: withPem }, defaultConfig(), { now: NOW });
    assert.deepEqual(byRule(lintAnalysis(analysis, { now: NOW, live }), 'cert/expiring'), []);
    assert.equal(byRule(lint({ path: '/repo/cert-inventory.yaml', text: withPem }, defaultConfig(), { now: NOW }), 'cert/expiring').length, 1, 'the PEM: 25 days left, a 28-day window');
  });
});

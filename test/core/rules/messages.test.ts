/**
 * Every rule's messages, as a reader meets them in the Problems panel: a sentence that starts with
 * a capital (or with document text in “quotes” or a `key`, which is never re-cased). Checked over the
 * fixtures, the examples, every rule's documented bad example and, for the live rules, probes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProbeOutcome } from '../../../contract/src/probeOutcome';
import { lint } from '../../../server/src/core/lint';
import { liveKey, type LiveObservations } from '../../../server/src/core/live/observations';
import { certRules } from '../../../server/src/core/rules/cert';
import { postmortemRules } from '../../../server/src/core/rules/pm';
import type { SourceDocument } from '../../../server/src/core/types';
import { config, NOW } from '../../helpers/lint';

const REPO = join(__dirname, '..', '..', '..');

function documentsUnder(folder: string, out: SourceDocument[] = []): SourceDocument[] {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) documentsUnder(path, out);
    else if (/\.(md|ya?ml|j2)$/.test(name) && name !== 'LICENSE-NOTES.md') out.push({ path, text: readFileSync(path, 'utf8') });
  }
  return out;
}

const DAY = 86_400_000;
const iso = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function served(host: string, overrides: Partial<Extract<ProbeOutcome, { host: string }>>): ProbeOutcome {
  return {
    host, port: 443, servername: host, address: '127.0.0.1', protocol: 'TLSv1.3', subject: `CN=${host}`, issuer: 'CN=Example CA',
    sans: [host], serialNumber: '01', notBefore: iso(-10), notAfter: iso(80), daysLeft: 80, fingerprintSha256: 'AA', chain: [],
    earliestChainExpiry: iso(80), trusted: true, trustError: null, hostnameMatches: true, elapsedMs: 1, ...overrides,
  };
}

/** One entry per live rule, with the probe that makes it report. */
function liveCase(): { document: SourceDocument; live: LiveObservations } {
  const hosts = ['mismatch.example.com', 'expired.example.com', 'untrusted.example.com', 'other.example.com', 'gone.example.com'];
  const text = ['certificates:', ...hosts.flatMap((h, i) => [`  - name: live-${i}`, `    hosts: [${h}]`, '    owner: platform-team@example.com', '    notify: [sre@example.com]', `    expires: ${iso(30 + i).slice(0, 10)}`]), ''].join('\n');
  const live: LiveObservations = new Map([
    [liveKey(hosts[0]), { outcome: served(hosts[0], { notAfter: iso(200), daysLeft: 200 }) }],
    [liveKey(hosts[1]), { outcome: served(hosts[1], { notAfter: iso(-2), daysLeft: -2, earliestChainExpiry: iso(-2) }) }],
    [liveKey(hosts[2]), { outcome: served(hosts[2], { trusted: false, trustError: 'self-signed certificate', notAfter: iso(32), daysLeft: 32 }) }],
    [liveKey(hosts[3]), { outcome: served(hosts[3], { hostnameMatches: false, sans: ['elsewhere.example.com'], notAfter: iso(33), daysLeft: 33 }) }],
    [liveKey(hosts[4]), { outcome: { error: { code: 'dns', message: 'getaddrinfo ENOTFOUND gone.example.com' } } }],
  ]);
  return { document: { path: '/repo/cert-inventory.yaml', text }, live };
}

/** A capital letter, a digit, or document text in quotes (“16:04pm”, a key as `status`), whose case is the author's. */
const SENTENCE_START = /^(?:\p{Lu}|\p{N}|“|`)/u;

describe('rule messages', () => {
  it('start with a capital, for every rule, on the fixtures, the examples, the docs’ examples and live probes', () => {
    const documents = [...documentsUnder(join(REPO, 'test', 'fixtures')), ...documentsUnder(join(REPO, 'examples'))];
    for (const rule of postmortemRules) documents.push({ path: 'postmortems/example.md', text: rule.docs.bad });
    for (const rule of certRules) documents.push({ path: rule.docs.bad.startsWith('apiVersion') ? '/k8s/example.yaml' : '/repo/example.yaml', text: rule.docs.bad });
    // The rules that are off by default, turned on: their messages count too.
    const settings = config({ rules: Object.fromEntries([...postmortemRules, ...certRules].filter((r) => r.offByDefault).map((r) => [r.id, 'info'])) });
    const findings = documents.flatMap((document) => lint(document, settings, { now: NOW }));
    const { document, live } = liveCase();
    findings.push(...lint(document, settings, { now: NOW, live }));

    const rules = new Set(findings.map((f) => f.rule));
    const missing = [...postmortemRules, ...certRules].map((r) => r.id).filter((id) => !rules.has(id));
    assert.deepEqual(missing, [], 'every rule has a message checked here');
    const wrong = findings.flatMap((f) =>
      [f.message, ...(f.related ?? []).map((r) => r.message)].filter((m) => !SENTENCE_START.test(m)).map((m) => `${f.rule}: ${m}`),
    );
    assert.deepEqual([...new Set(wrong)], []);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml } from '../../contract/src/html';
import { probeTone, renderProbeHtml, type PanelOptions } from '../../client/src/live/probeHtml';
import type { ProbeResult } from '../../contract/src/probeOutcome';

const NOW = new Date('2026-11-27T12:00:00Z');
const DAY = 86_400_000;

function result(daysLeft: number, overrides: Partial<ProbeResult> = {}): ProbeResult {
  const notAfter = new Date(NOW.getTime() + daysLeft * DAY + 3_600_000).toISOString();
  return {
    host: 'api.example.com',
    port: 443,
    servername: 'api.example.com',
    address: '127.0.0.1',
    protocol: 'TLSv1.3',
    subject: 'CN=api.example.com',
    issuer: 'CN=Test CA',
    sans: ['api.example.com', 'www.example.com'],
    serialNumber: '0A1B',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter,
    daysLeft,
    fingerprintSha256: 'AB:CD:EF',
    chain: [
      { subject: 'CN=api.example.com', issuer: 'CN=Test CA', notAfter },
      { subject: 'CN=Test CA', issuer: 'CN=Test CA', notAfter: '2030-01-01T00:00:00.000Z' },
    ],
    earliestChainExpiry: notAfter,
    trusted: true,
    trustError: null,
    hostnameMatches: true,
    elapsedMs: 12,
    ...overrides,
  };
}

const OPTIONS: PanelOptions = { nonce: 'n0nce', cspSource: 'vscode-webview://x', target: 'api.example.com:443', warnDays: 30, now: NOW };

describe('live check panel HTML', () => {
  test('escapes every special character', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&\`</a>`), '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;&#60;/a&#62;');
  });

  test('tone by the warn window: expired red, inside the window amber, else green', () => {
    assert.equal(probeTone(result(-2), 30, NOW), 'expired');
    assert.equal(probeTone(result(12), 30, NOW), 'expiring');
    assert.equal(probeTone(result(30), 30, NOW), 'expiring', 'the window includes its last day, as in the CLI');
    assert.equal(probeTone(result(31), 30, NOW), 'valid');
    assert.equal(probeTone(result(31), 60, NOW), 'expiring');
  });

  test('days left prominent and coloured; subject, issuer, SANs, chain with notAfter, verdicts, fingerprint with a copy button', () => {
    const r = result(12);
    const html = renderProbeHtml(r, OPTIONS);
    assert.match(html, /<header class="days expiring" data-tone="expiring">\s*<div class="big">12 days left<\/div>/);
    for (const text of ['CN=api.example.com', 'CN=Test CA', 'www.example.com', '2030-01-01T00:00:00.000Z', r.notAfter, 'trusted', 'valid for api.example.com']) {
      assert.ok(html.includes(text), text);
    }
    assert.match(html, /<code id="fingerprint">AB:CD:EF<\/code> <button type="button" id="copy" data-copy="AB:CD:EF">Copy<\/button>/);
    assert.match(html, /expires in 12 days/, "the core's verdict is listed");
    assert.match(renderProbeHtml(result(-2), OPTIONS), /class="days expired"[^]*expired 2 days ago/);
    assert.match(renderProbeHtml(result(200), OPTIONS), /class="days valid"/);
  });

  test('bad verdicts are shown as such', () => {
    const html = renderProbeHtml(result(200, { trusted: false, trustError: 'self-signed certificate', hostnameMatches: false }), OPTIONS);
    assert.match(html, /class="verdict bad">✗ untrusted: self-signed certificate/);
    assert.match(html, /class="verdict bad">✗ not valid for api.example.com/);
  });

  test('text chosen by the server cannot inject markup or script', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = renderProbeHtml(result(100, { subject: evil, issuer: evil, sans: [evil], chain: [{ subject: evil, issuer: evil, notAfter: evil }], fingerprintSha256: `"${evil}` }), OPTIONS);
    assert.ok(!html.includes('<script>alert'), 'no injected script element');
    assert.ok(!html.includes('<img'), 'no injected element');
    assert.equal(html.match(/<script/g)?.length, 1, 'only the panel’s own script');
    const failure = renderProbeHtml({ error: { code: 'refused', message: evil } }, { ...OPTIONS, target: evil });
    assert.ok(!failure.includes('<img') && failure.match(/<script/g)?.length === 1);
  });

  test('strict CSP: nothing remote, only the nonce’d script and style', () => {
    const html = renderProbeHtml(result(100), OPTIONS);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce';/);
    assert.match(csp, /style-src 'nonce-n0nce';/);
    assert.ok(!/https?:|unsafe-inline|unsafe-eval/.test(csp), csp);
    assert.match(html, /<script nonce="n0nce">/);
    assert.match(html, /<style nonce="n0nce">/);
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers (the CSP would block them)');
  });

  test('a failure shows its code and message', () => {
    const html = renderProbeHtml({ error: { code: 'timeout', message: 'No answer from api.example.com:443 within 5000 ms.' } }, OPTIONS);
    assert.match(html, /No handshake: timeout/);
    assert.match(html, /No answer from api.example.com:443 within 5000 ms./);
    assert.match(html, /class="days failed"/);
  });
});

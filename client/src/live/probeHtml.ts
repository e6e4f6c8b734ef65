/**
 * The HTML of the live-check panel. Pure: no `vscode`, so node --test checks the escaping.
 * Every piece of text from the probe (subject, issuer, SANs, error messages: a hostile server
 * chooses them) goes through `escapeHtml`; the only script is the nonce'd one below.
 */
import { judgeCertificate } from '../../../contract/src/certificateVerdict';
import { escapeHtml } from '../../../contract/src/html';
import { isProbeFailure, type ProbeOutcome, type ProbeResult } from '../../../contract/src/probeOutcome';

export type PanelTone = 'expired' | 'expiring' | 'valid';

/** Days left coloured by the warn window, with the core's verdict (expired is judged at `now`, like the CLI). */
export function probeTone(result: ProbeResult, warnDays: number, now: Date): PanelTone {
  const kinds = judgeCertificate(result, { warnDays, now }).map((p) => p.kind);
  if (kinds.includes('expired')) return 'expired';
  return kinds.includes('expiring') ? 'expiring' : 'valid';
}

export interface PanelOptions {
  /** Fresh per render: the only script allowed to run. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** What the user asked for ("api.example.com:443"). */
  target: string;
  warnDays: number;
  now: Date;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function daysText(result: ProbeResult): string {
  if (result.daysLeft < 0) return `expired ${plural(-result.daysLeft, 'day')} ago`;
  return `${plural(result.daysLeft, 'day')} left`;
}

function verdict(ok: boolean, good: string, bad: string): string {
  return `<span class="verdict ${ok ? 'ok' : 'bad'}">${ok ? '✓' : '✗'} ${escapeHtml(ok ? good : bad)}</span>`;
}

export function renderProbeHtml(outcome: ProbeOutcome, options: PanelOptions): string {
  const body = isProbeFailure(outcome) ? failureBody(outcome.error, options) : resultBody(outcome, options);
  return page(body, options);
}

function resultBody(r: ProbeResult, options: PanelOptions): string {
  const tone = probeTone(r, options.warnDays, options.now);
  const problems = judgeCertificate(r, { warnDays: options.warnDays, now: options.now });
  const row = (label: string, value: string) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;
  const chain = r.chain
    .map((c) => `<li><span class="subject">${escapeHtml(c.subject)}</span> <span class="muted">issued by ${escapeHtml(c.issuer)} · until ${escapeHtml(c.notAfter)}</span></li>`)
    .join('');
  return `
<header class="days ${tone}" data-tone="${tone}">
  <div class="big">${escapeHtml(daysText(r))}</div>
  <div>${escapeHtml(options.target)} · expires ${escapeHtml(r.notAfter)} · warn window ${escapeHtml(plural(options.warnDays, 'day'))}</div>
</header>
<p>${verdict(r.trusted, 'trusted', `untrusted: ${r.trustError ?? 'the chain does not verify'}`)}
   ${verdict(r.hostnameMatches, `valid for ${r.servername ?? r.host}`, `not valid for ${r.servername ?? r.host}`)}</p>
${problems.length ? `<ul class="problems">${problems.map((p) => `<li>${escapeHtml(p.message)}</li>`).join('')}</ul>` : ''}
<table>
${row('Subject', escapeHtml(r.subject))}
${row('Issuer', escapeHtml(r.issuer))}
${row('Names (SANs)', r.sans.length ? r.sans.map(escapeHtml).join('<br>') : '<span class="muted">none</span>')}
${row('Valid', `${escapeHtml(r.notBefore)} to ${escapeHtml(r.notAfter)}`)}
${row('Serial', `<code>${escapeHtml(r.serialNumber)}</code>`)}
${row('SHA-256', `<code id="fingerprint">${escapeHtml(r.fingerprintSha256)}</code> <button type="button" id="copy" data-copy="${escapeHtml(r.fingerprintSha256)}">Copy</button>`)}
${row('Connected to', `${escapeHtml(r.address)}:${escapeHtml(r.port)} · ${escapeHtml(r.protocol)}${r.servername ? ` · SNI ${escapeHtml(r.servername)}` : ''} · ${escapeHtml(r.elapsedMs)} ms`)}
</table>
<h2>Chain</h2>
<ol class="chain">${chain}</ol>
<p class="muted">Earliest expiry in the chain: ${escapeHtml(r.earliestChainExpiry)}</p>`;
}

function failureBody(error: { code: string; message: string }, options: PanelOptions): string {
  return `
<header class="days failed" data-tone="failed">
  <div class="big">No handshake: ${escapeHtml(error.code)}</div>
  <div>${escapeHtml(options.target)}</div>
</header>
<p class="error">${escapeHtml(error.message)}</p>`;
}

function page(body: string, options: PanelOptions): string {
  const nonce = escapeHtml(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${escapeHtml(options.cspSource)}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.target)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 1.5em; }
  .days { border-left: 6px solid; padding: .5em 1em; margin: 1em 0; }
  .days .big { font-size: 2.2em; font-weight: 600; }
  .expired, .failed { border-color: var(--vscode-charts-red); } .expired .big, .failed .big { color: var(--vscode-charts-red); }
  .expiring { border-color: var(--vscode-charts-yellow); } .expiring .big { color: var(--vscode-charts-yellow); }
  .valid { border-color: var(--vscode-charts-green); } .valid .big { color: var(--vscode-charts-green); }
  .verdict { margin-right: 1.5em; font-weight: 600; } .ok { color: var(--vscode-charts-green); } .bad { color: var(--vscode-charts-red); }
  .muted { color: var(--vscode-descriptionForeground); }
  th { text-align: left; vertical-align: top; padding: .2em 1em .2em 0; white-space: nowrap; }
  code { font-family: var(--vscode-editor-font-family); word-break: break-all; }
  .error { color: var(--vscode-errorForeground); }
  button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .2em .8em; cursor: pointer; }
</style>
</head>
<body>
${body}
<p><button type="button" id="again">Check again</button></p>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const copy = document.getElementById('copy');
  if (copy) copy.addEventListener('click', () => vscode.postMessage({ type: 'copy', text: copy.dataset.copy }));
  document.getElementById('again').addEventListener('click', () => vscode.postMessage({ type: 'again' }));
</script>
</body>
</html>`;
}

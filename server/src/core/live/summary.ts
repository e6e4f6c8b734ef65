/** A probe outcome as plain text for people: the CLI's `--format text`, logs, output channels. */
import { plural, type CertProblem } from '../../../../contract/src/certificateVerdict';
import { formatHostPort } from '../../../../contract/src/hostPort';
import { describeKey } from '../../../../contract/src/keyStrength';
import { startTlsLabel } from '../../../../contract/src/tlsScheme';
import { isProbeFailure, type ProbeOutcome, type ProbeResult } from './types';

/** Lines of a readable summary; `problems` (from judgeCertificate) make the closing verdict. */
export function summarizeProbe(outcome: ProbeOutcome, problems: CertProblem[] = []): string[] {
  if (isProbeFailure(outcome)) return [`No TLS handshake (${outcome.error.code}): ${outcome.error.message}`];
  return [...describeResult(outcome), verdictLine(outcome, problems)];
}

function describeResult(r: ProbeResult): string[] {
  const row = (label: string, value: string) => `  ${label.padEnd(12)} ${value}`;
  const lines = [
    `${formatHostPort(r.host, r.port)}  ${r.address}, ${r.protocol}${r.starttls ? ` after ${startTlsLabel(r.starttls)}` : ''}, ${r.servername ? `SNI ${r.servername}` : 'no SNI'}`,
    row('Subject', r.subject),
    row('Issuer', r.issuer),
    row('Names', r.sans.length > 0 ? r.sans.join(', ') : '(none)'),
    row('Valid', `${r.notBefore} to ${r.notAfter}`),
    row('Days left', `${r.daysLeft}${r.daysLeft < 0 ? ' (expired)' : ''}`),
    row('Serial', r.serialNumber),
    row('SHA-256', r.fingerprintSha256),
    row('Trusted', r.trusted ? 'yes' : `no: ${r.trustError ?? 'the chain does not verify'}`),
    row('Host name', `${r.hostnameMatches ? 'matches' : 'does not match'} ${r.servername ?? r.host}`),
  ];
  if (r.ocspStatus) lines.push(row('OCSP', ocspText(r)));
  r.chain.forEach((c, i) => {
    const issuer = c.issuer === c.subject ? 'self-issued' : `issued by ${c.issuer}`;
    const crypto = c.keyType ? `; ${describeKey(c)}, ${c.signatureAlgorithm ?? 'unknown signature'}` : '';
    lines.push(row(i === 0 ? 'Chain' : '', `${i + 1}. ${c.subject}  (${issuer}; expires ${c.notAfter}${crypto})`));
  });
  lines.push(row('Checked in', `${r.elapsedMs} ms`));
  return lines;
}

/** "good", "revoked (revoked 2026-01-02T00:00:00Z, reason keyCompromise)", "none stapled; the certificate is must-staple". */
function ocspText(r: ProbeResult): string {
  const status = r.ocspStatus === 'none' ? 'none stapled' : `${r.ocspStatus}${r.ocspDetail ? ` (${r.ocspDetail})` : ''}`;
  return r.mustStaple ? `${status}; the certificate is must-staple` : status;
}

function verdictLine(r: ProbeResult, problems: CertProblem[]): string {
  if (problems.length === 0) {
    return `OK: trusted, valid for ${r.servername ?? r.host}, ${r.daysLeft} ${plural(r.daysLeft, 'day')} left.`;
  }
  return `PROBLEM: ${problems.map((p) => p.message).join('; ')}.`;
}

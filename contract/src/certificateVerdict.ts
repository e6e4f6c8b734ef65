/**
 * Whether a live certificate is fine to leave alone: the CLI's exit code and `cert` summary, and
 * the colour and problem list of the editor's live-check panel, judged by this one function.
 */
import { describeKey, isWeakSignature, weakKeyReason } from './keyStrength';
import type { ProbeResult } from './probeOutcome';

const DAY_MS = 24 * 60 * 60 * 1000;

export type CertProblemKind =
  | 'not-yet-valid'
  | 'expired'
  | 'expiring'
  | 'chain-expiring'
  | 'untrusted'
  | 'revoked'
  | 'no-staple'
  | 'hostname'
  | 'weak-key'
  | 'weak-signature';

export interface CertProblem {
  kind: CertProblemKind;
  message: string;
}

export interface CertVerdictOptions {
  /** A certificate with this many days left or fewer is "expiring". */
  warnDays: number;
  /** Reference time; the same one given to the probe. */
  now: Date;
}

/**
 * Everything wrong with a certificate, worst first; empty when it is trusted, valid for the name
 * and has more than `warnDays` left, down the whole chain (an intermediate that expires first
 * breaks the site just the same).
 */
export function judgeCertificate(result: ProbeResult, options: CertVerdictOptions): CertProblem[] {
  const problems: CertProblem[] = [];
  const now = options.now.getTime();
  if (Date.parse(result.notBefore) > now) {
    problems.push({ kind: 'not-yet-valid', message: `not valid until ${result.notBefore}` });
  }
  if (Date.parse(result.notAfter) <= now) {
    problems.push({ kind: 'expired', message: `expired ${result.notAfter} (${-result.daysLeft} ${plural(-result.daysLeft, 'day')} ago)` });
  } else if (result.daysLeft <= options.warnDays) {
    problems.push({
      kind: 'expiring',
      message: `expires in ${result.daysLeft} ${plural(result.daysLeft, 'day')} (${result.notAfter}), within the ${options.warnDays}-day warning window`,
    });
  }
  const chainExpiry = Date.parse(result.earliestChainExpiry);
  if (chainExpiry < Date.parse(result.notAfter)) {
    const chainDays = Math.floor((chainExpiry - now) / DAY_MS);
    const culprit = result.chain.find((c) => c.notAfter === result.earliestChainExpiry);
    const who = culprit ? `the chain certificate ${culprit.subject}` : 'a certificate in the chain';
    if (chainExpiry <= now) problems.push({ kind: 'chain-expiring', message: `${who} expired ${result.earliestChainExpiry}` });
    else if (chainDays <= options.warnDays) {
      problems.push({
        kind: 'chain-expiring',
        message: `${who} expires in ${chainDays} ${plural(chainDays, 'day')} (${result.earliestChainExpiry})`,
      });
    }
  }
  problems.push(...weakCryptoProblems(result));
  if (!result.trusted) problems.push({ kind: 'untrusted', message: `untrusted: ${result.trustError ?? 'the chain does not verify'}` });
  problems.push(...staplingProblems(result));
  if (!result.hostnameMatches) {
    problems.push({ kind: 'hostname', message: `not valid for ${result.servername ?? result.host} (names: ${namesOf(result)})` });
  }
  return problems;
}

/**
 * Weak keys anywhere in the chain the server sent, and SHA-1/MD5 signatures on the leaf or an
 * intermediate (a root, self-issued, is trusted for its key, not its signature).
 */
function weakCryptoProblems(result: ProbeResult): CertProblem[] {
  const problems: CertProblem[] = [];
  result.chain.forEach((c, i) => {
    const which = i === 0 ? 'the certificate' : `the chain certificate ${c.subject}`;
    const weak = weakKeyReason(c);
    if (weak) problems.push({ kind: 'weak-key', message: `${which} has a weak key, ${describeKey(c)} (${weak})` });
    const root = i > 0 && c.subject === c.issuer;
    if (!root && isWeakSignature(c.signatureAlgorithm)) {
      problems.push({ kind: 'weak-signature', message: `${which} is signed with ${c.signatureAlgorithm}` });
    }
  });
  return problems;
}

/** A revoked staple, or a must-staple certificate served without one (clients that honour it refuse the connection). */
function staplingProblems(result: ProbeResult): CertProblem[] {
  if (result.ocspStatus === 'revoked') {
    return [{ kind: 'revoked', message: `revoked, says the OCSP response the server staples${result.ocspDetail ? ` (${result.ocspDetail})` : ''}` }];
  }
  if (result.mustStaple && result.ocspStatus === 'none') {
    return [{ kind: 'no-staple', message: 'the certificate demands OCSP stapling (must-staple), and the server staples no OCSP response' }];
  }
  return [];
}

function namesOf(result: ProbeResult): string {
  return result.sans.length > 0 ? result.sans.join(', ') : `${result.subject}, no subject alternative names`;
}

export function plural(n: number, word: string): string {
  return Math.abs(n) === 1 ? word : `${word}s`;
}

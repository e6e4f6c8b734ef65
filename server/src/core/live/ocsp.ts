/**
 * The OCSP response a server staples to its handshake (RFC 6960), read for the leaf: good,
 * revoked or unknown, and "none" when it staples nothing. The response is only believed when it
 * is for this certificate, current at `now`, and signed by the leaf's issuer or a responder the
 * issuer delegated to; otherwise it counts as "unknown" and `ocspDetail` says why.
 */
import { createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { OcspStatus } from '../../../../contract/src/probeOutcome';
import {
  bitStringBytes,
  childrenOf,
  CONTEXT,
  contentOf,
  derBytes,
  generalizedTimeOf,
  integerHex,
  oidOf,
  parseDer,
  sequence,
  smallIntegerOf,
  tagged,
  TAG,
  UNIVERSAL,
  type DerNode,
} from '../x509/asn1';

export interface StapleFacts {
  ocspStatus: OcspStatus;
  ocspDetail?: string;
}

/** Real staples are 1–4 KB; a larger one is not parsed. */
const MAX_STAPLE_BYTES = 64 * 1024;
/** Certificates a response may carry to name its delegated responder; real ones carry one. */
const MAX_RESPONDER_CERTS = 4;
const BASIC_RESPONSE_OID = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING_OID = '1.3.6.1.5.5.7.3.9';

const RESPONSE_STATUSES = ['successful', 'malformedRequest', 'internalError', 'tryLater', 'status 4', 'sigRequired', 'unauthorized'];
const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'reason 7',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];
/** certID hash algorithms (OID -> Node digest name). */
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Response signature algorithms (OID -> the digest crypto.verify takes; null for Ed25519/Ed448). */
const SIGNATURE_DIGESTS: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
  '1.3.101.113': null,
};

class StapleError extends Error {}

/**
 * What the staple says about `chain[0]`. `chain` is the peer's chain, leaf first; `chain[1]`,
 * when present, is taken as the leaf's issuer if it really signed it.
 */
export function stapledStatus(response: Buffer | null | undefined, chain: readonly X509Certificate[], now: Date): StapleFacts {
  if (!response || response.length === 0) return { ocspStatus: 'none' };
  if (response.length > MAX_STAPLE_BYTES) return unknown(`the stapled response is ${response.length} bytes, too large to read`);
  try {
    return readStaple(response, chain, now);
  } catch (e) {
    return unknown(e instanceof StapleError ? e.message : `the stapled response cannot be read (${(e as Error).message})`);
  }
}

function unknown(detail: string): StapleFacts {
  return { ocspStatus: 'unknown', ocspDetail: detail };
}

function readStaple(response: Buffer, chain: readonly X509Certificate[], now: Date): StapleFacts {
  const [leaf, candidate] = chain;
  const issuer = candidate && leaf.checkIssued(candidate) && leaf.verify(candidate.publicKey) ? candidate : undefined;
  const outer = need(sequence(parseDer(response)), 'not an OCSP response');
  const status = need(smallIntegerOf(outer[0], TAG.ENUMERATED), 'not an OCSP response');
  if (status !== 0) throw new StapleError(`the responder answered "${RESPONSE_STATUSES[status] ?? `status ${status}`}" instead of a status`);
  const responseBytes = need(sequence(childrenOf(tagged(outer[1], CONTEXT, 0))[0]), 'a successful OCSP response without content');
  if (oidOf(responseBytes[0]) !== BASIC_RESPONSE_OID) throw new StapleError('not a basic OCSP response');
  const basic = need(sequence(parseDer(need(contentOf(tagged(responseBytes[1], UNIVERSAL, TAG.OCTETSTRING)), 'no response body'))), 'malformed basic response');
  const [tbs, signatureAlgorithm, signature, certs] = basic;
  const tbsParts = need(sequence(tbs), 'malformed response data');
  const responses = need(sequence(tbsParts.find((n) => n.tagClass === UNIVERSAL && n.type === TAG.SEQUENCE)), 'no responses');
  const single = responses.find((r) => coversLeaf(r, leaf, issuer));
  if (!single) throw new StapleError(`the stapled response is not for this certificate (serial ${leaf.serialNumber})`);
  const verified = issuer ? checkSignature(tbs, signatureAlgorithm, signature, certs, issuer) : 'signature not checked: the issuer is not in the chain';
  if (verified !== true && issuer) throw new StapleError(verified);
  const facts = statusOf(need(sequence(single), 'malformed single response'), now);
  if (verified !== true && facts.ocspStatus !== 'unknown') facts.ocspDetail = [facts.ocspDetail, verified].filter(Boolean).join('; ');
  return facts;
}

function need<T>(value: T | undefined, problem: string): T {
  if (value === undefined) throw new StapleError(`the stapled response cannot be read: ${problem}`);
  return value;
}

/** certID names the leaf: its serial and, when the issuer is known, the issuer's key hash. */
function coversLeaf(single: DerNode, leaf: X509Certificate, issuer: X509Certificate | undefined): boolean {
  const certId = sequence(sequence(single)?.[0]);
  if (!certId || integerHex(certId[3]) !== leaf.serialNumber.toUpperCase().replace(/^0+(?=.)/, '')) return false;
  if (!issuer) return true;
  const digest = HASHES[oidOf(sequence(certId[0])?.[0]) ?? ''];
  const keyHash = contentOf(tagged(certId[2], UNIVERSAL, TAG.OCTETSTRING));
  return Boolean(digest && keyHash && keyHash.equals(createHash(digest).update(publicKeyBits(issuer.publicKey)).digest()));
}

/** The subjectPublicKey bits of a key's SubjectPublicKeyInfo: what certID's issuerKeyHash hashes. */
function publicKeyBits(key: KeyObject): Buffer {
  const spki = sequence(parseDer(key.export({ type: 'spki', format: 'der' })));
  return need(bitStringBytes(spki?.[1]), 'the issuer key cannot be read');
}

/** SingleResponse: certID, certStatus ([0] good, [1] revoked, [2] unknown), thisUpdate, [0] nextUpdate. */
function statusOf(single: DerNode[], now: Date): StapleFacts {
  const [, certStatus, thisUpdateNode, next] = single;
  const thisUpdate = need(generalizedTimeOf(thisUpdateNode), 'no thisUpdate');
  const nextUpdate = tagged(next, CONTEXT, 0) ? generalizedTimeOf(childrenOf(next)[0]) : undefined;
  if (Date.parse(thisUpdate) > now.getTime() + 5 * 60_000) throw new StapleError(`the stapled response is dated in the future (${thisUpdate})`);
  if (nextUpdate && Date.parse(nextUpdate) < now.getTime()) throw new StapleError(`the stapled response is out of date (next update was due ${nextUpdate})`);
  if (certStatus?.tagClass !== CONTEXT) throw new StapleError('the stapled response cannot be read: no certificate status');
  if (certStatus.type === 0) return { ocspStatus: 'good' };
  if (certStatus.type === 2) return { ocspStatus: 'unknown', ocspDetail: 'the responder does not know this certificate' };
  if (certStatus.type !== 1) throw new StapleError('the stapled response cannot be read: unknown certificate status');
  const [revokedAt, reasonNode] = childrenOf(certStatus);
  const reason = smallIntegerOf(childrenOf(tagged(reasonNode, CONTEXT, 0))[0], TAG.ENUMERATED);
  const when = generalizedTimeOf(revokedAt);
  const because = reason === undefined ? '' : `, reason ${REVOCATION_REASONS[reason] ?? reason}`;
  return { ocspStatus: 'revoked', ocspDetail: `revoked ${when ?? 'at an unreadable time'}${because}` };
}

/**
 * The response is signed by the issuer itself, or by a certificate it carries that the issuer
 * issued for OCSP signing (RFC 6960 4.2.2.2). True, or why not.
 */
function checkSignature(tbs: DerNode, algorithm: DerNode, signature: DerNode, certs: DerNode | undefined, issuer: X509Certificate): true | string {
  const oid = oidOf(sequence(algorithm)?.[0]);
  if (!oid || !(oid in SIGNATURE_DIGESTS)) return `signature not checked: algorithm ${oid ?? 'unreadable'} is not supported here`;
  const bits = bitStringBytes(signature);
  if (!bits) return 'the staple has no readable signature';
  const signed = derBytes(tbs);
  const signers = [issuer, ...delegatedResponders(certs, issuer)];
  for (const signer of signers) {
    try {
      if (verify(SIGNATURE_DIGESTS[oid], signed, signer.publicKey, bits)) return true;
    } catch {
      // A key of another type than the signature: try the next signer.
    }
  }
  return 'the staple is not signed by the certificate\'s issuer or a responder it authorised';
}

function delegatedResponders(certs: DerNode | undefined, issuer: X509Certificate): X509Certificate[] {
  const list = sequence(childrenOf(tagged(certs, CONTEXT, 0))[0]) ?? [];
  const responders: X509Certificate[] = [];
  for (const node of list.slice(0, MAX_RESPONDER_CERTS)) {
    try {
      const cert = new X509Certificate(derBytes(node));
      const forOcsp = (cert.keyUsage ?? []).includes(OCSP_SIGNING_OID);
      if (forOcsp && cert.checkIssued(issuer) && cert.verify(issuer.publicKey)) responders.push(cert);
    } catch {
      // An unreadable certificate signs nothing.
    }
  }
  return responders;
}

/**
 * "Must-staple": the TLS feature extension (RFC 7633, OID 1.3.6.1.5.5.7.1.24) listing
 * status_request (5) or status_request_v2 (17) tells clients to refuse the certificate without a
 * stapled OCSP response.
 */
import type { X509Certificate } from 'node:crypto';
import { childrenOf, CONTEXT, contentOf, oidOf, parseDer, sequence, smallIntegerOf, tagged, TAG, UNIVERSAL } from './asn1';

const TLS_FEATURE_OID = '1.3.6.1.5.5.7.1.24';
/** The OID's DER encoding: a certificate without these bytes has no TLS feature extension, and is not parsed. */
const TLS_FEATURE_OID_DER = Buffer.from('06082b06010505070118', 'hex');
const STATUS_REQUEST = 5;
const STATUS_REQUEST_V2 = 17;

const cache = new WeakMap<X509Certificate, boolean>();

export function isMustStaple(x509: X509Certificate): boolean {
  let mustStaple = cache.get(x509);
  if (mustStaple === undefined) {
    mustStaple = tlsFeatures(x509.raw).some((feature) => feature === STATUS_REQUEST || feature === STATUS_REQUEST_V2);
    cache.set(x509, mustStaple);
  }
  return mustStaple;
}

/** The TLS features a DER certificate lists; empty without the extension or when it cannot be read. */
export function tlsFeatures(der: Buffer): number[] {
  if (der.indexOf(TLS_FEATURE_OID_DER) < 0) return [];
  try {
    const tbs = sequence(sequence(parseDer(der))?.[0]);
    const extensions = childrenOf(tagged(tbs?.find((n) => n.tagClass === CONTEXT && n.type === 3), CONTEXT, 3))[0];
    for (const extension of sequence(extensions) ?? []) {
      const parts = sequence(extension);
      if (!parts || oidOf(parts[0]) !== TLS_FEATURE_OID) continue;
      const value = contentOf(tagged(parts.at(-1), UNIVERSAL, TAG.OCTETSTRING));
      if (!value) return [];
      return (sequence(parseDer(value)) ?? []).map((n) => smallIntegerOf(n)).filter((n): n is number => n !== undefined);
    }
  } catch {
    // Not DER Node could read as a certificate, yet it is one: no feature we can vouch for.
  }
  return [];
}

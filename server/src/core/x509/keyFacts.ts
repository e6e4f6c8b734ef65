/**
 * What a certificate's key and signature say about its strength, for PEMs in an inventory and
 * chains a live check receives alike. Node's X509Certificate gives the key; the signature
 * algorithm is read from the DER (Node 20 does not expose it).
 */
import type { X509Certificate } from 'node:crypto';

// The judgement (which keys and signatures are weak) is the contract's: the client shows it too.
export { describeKey, isWeakSignature, weakKeyReason } from '../../../../contract/src/keyStrength';

export interface KeyFacts {
  /** "RSA", "RSA-PSS", "EC", "DSA", "Ed25519", "Ed448"; "unknown" when Node cannot read the key. */
  keyType: string;
  /** RSA/DSA modulus bits, the EC curve's size; null when the type has none (Ed25519). */
  keyBits: number | null;
  /** The EC curve's name (prime192v1, prime256v1, ...). */
  curve?: string;
  /** OpenSSL's name ("sha256WithRSAEncryption", "ecdsa-with-SHA1") or the dotted OID. */
  signatureAlgorithm: string;
}

const KEY_TYPES: Record<string, string> = { rsa: 'RSA', 'rsa-pss': 'RSA-PSS', dsa: 'DSA', ec: 'EC', ed25519: 'Ed25519', ed448: 'Ed448' };

/** Signature algorithms by OID, named as OpenSSL names them. */
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSA',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
  '2.16.840.1.101.3.4.3.1': 'dsa_with_SHA224',
  '2.16.840.1.101.3.4.3.2': 'dsa_with_SHA256',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const cache = new WeakMap<X509Certificate, KeyFacts>();

export function keyFactsOf(x509: X509Certificate): KeyFacts {
  let facts = cache.get(x509);
  if (!facts) {
    facts = { ...keyOf(x509), signatureAlgorithm: signatureAlgorithmOf(x509.raw) };
    cache.set(x509, facts);
  }
  return facts;
}

function keyOf(x509: X509Certificate): Pick<KeyFacts, 'keyType' | 'keyBits' | 'curve'> {
  let type: string | undefined;
  let details: { modulusLength?: number; namedCurve?: string } | undefined;
  try {
    const key = x509.publicKey;
    type = key.asymmetricKeyType;
    details = key.asymmetricKeyDetails;
  } catch {
    // A key type this OpenSSL does not know (GOST, a curve it was built without).
  }
  const keyType = (type && KEY_TYPES[type]) ?? type ?? 'unknown';
  if (details?.namedCurve) return { keyType, keyBits: curveBits(details.namedCurve), curve: details.namedCurve };
  return { keyType, keyBits: details?.modulusLength ?? null };
}

/** prime192v1 → 192, secp224r1 → 224, brainpoolP256r1 → 256, sect163k1 → 163. */
function curveBits(curve: string): number | null {
  const digits = /\d{3}/.exec(curve);
  return digits ? Number(digits[0]) : null;
}

/**
 * The signatureAlgorithm of a DER certificate: SEQUENCE { tbsCertificate SEQUENCE,
 * signatureAlgorithm SEQUENCE { OID, ... }, signature }. Reads four headers and one OID, every
 * length checked against the buffer; "unknown" for anything else.
 */
export function signatureAlgorithmOf(der: Buffer): string {
  const certificate = header(der, 0, 0x30);
  const tbs = certificate && header(der, certificate.content, 0x30);
  const algorithm = tbs && header(der, tbs.content + tbs.length, 0x30);
  const oid = algorithm && header(der, algorithm.content, 0x06);
  if (!oid || oid.length === 0 || oid.length > 32) return 'unknown';
  const dotted = decodeOid(der.subarray(oid.content, oid.content + oid.length));
  return dotted ? (SIGNATURE_ALGORITHMS[dotted] ?? dotted) : 'unknown';
}

/** A DER tag and length at `at`: where its content starts and how long it is; undefined when it does not fit. */
function header(der: Buffer, at: number, tag: number): { content: number; length: number } | undefined {
  if (at + 2 > der.length || der[at] !== tag) return undefined;
  let length = der[at + 1];
  let content = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || content + bytes > der.length) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[content + i];
    content += bytes;
  }
  return content + length <= der.length ? { content, length } : undefined;
}

function decodeOid(bytes: Buffer): string | undefined {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return undefined;
    if (byte & 0x80) continue;
    if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else parts.push(value);
    value = 0;
  }
  return parts.length >= 2 && value === 0 ? parts.join('.') : undefined;
}

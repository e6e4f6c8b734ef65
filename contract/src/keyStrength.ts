/**
 * Which keys and signature algorithms are too weak for TLS: one judgement for the inventory's
 * PEMs (cert/weak-key, cert/weak-signature) and the live check's chain (CLI, panel).
 */

/** MD2, MD5 and SHA-1, as OpenSSL names them: collisions are practical, a signature over them proves little. */
const WEAK_SIGNATURES = new Set(['md2WithRSAEncryption', 'md5WithRSAEncryption', 'sha1WithRSAEncryption', 'sha1WithRSA', 'ecdsa-with-SHA1', 'dsaWithSHA1']);

export function isWeakSignature(algorithm: string | undefined): boolean {
  return algorithm !== undefined && WEAK_SIGNATURES.has(algorithm);
}

export interface KeyDescription {
  /** "RSA", "RSA-PSS", "EC", "DSA", "Ed25519", ... */
  keyType?: string;
  /** RSA/DSA modulus bits, the EC curve's size; null when the type has none. */
  keyBits?: number | null;
  /** The EC curve's name, when known. */
  curve?: string;
}

/** Why a key is weak, or undefined: RSA below 2048 bits, EC curves below P-256, any DSA key. */
export function weakKeyReason(key: KeyDescription): string | undefined {
  const bits = key.keyBits ?? null;
  if (key.keyType === 'DSA') return 'DSA keys are deprecated for TLS (browsers no longer accept them)';
  if ((key.keyType === 'RSA' || key.keyType === 'RSA-PSS') && bits !== null && bits < 2048) {
    return `an RSA key of ${bits} bits is below the 2048 the CA/Browser Forum requires`;
  }
  if (key.keyType === 'EC' && bits !== null && bits < 256) {
    return key.curve ? `the curve ${key.curve} (${bits} bits) is below P-256` : `an EC key of ${bits} bits is below P-256`;
  }
  return undefined;
}

/** "RSA 1024", "EC 192 (prime192v1)", "Ed25519". */
export function describeKey(key: KeyDescription): string {
  const bits = key.keyBits === null || key.keyBits === undefined ? '' : ` ${key.keyBits}`;
  return `${key.keyType ?? 'unknown'}${bits}${key.curve ? ` (${key.curve})` : ''}`;
}

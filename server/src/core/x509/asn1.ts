/**
 * DER structures (OCSP responses, certificate extensions) read with node-forge's ASN.1 parser:
 * a tree of tagged nodes, then small typed accessors that return undefined for anything not
 * shaped as expected. Callers bound the input; forge bounds the nesting (maxDepth).
 */
import asn1 from 'node-forge/lib/asn1.js';
import type { asn1 as forgeAsn1 } from 'node-forge';

export type DerNode = forgeAsn1.Asn1;

/** Deep enough for any certificate or OCSP response (they nest about 10 levels), shallow enough that a hostile one stays cheap. */
const MAX_DEPTH = 32;

export const UNIVERSAL = 0x00;
export const CONTEXT = 0x80;
export const TAG = { BOOLEAN: 1, INTEGER: 2, BITSTRING: 3, OCTETSTRING: 4, OID: 6, ENUMERATED: 10, SEQUENCE: 16, GENERALIZEDTIME: 24 } as const;

/** The tree of a DER text; throws (with forge's reason) when it is not well-formed DER with nothing after it. */
export function parseDer(der: Buffer): DerNode {
  return asn1.fromDer(der.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false, maxDepth: MAX_DEPTH });
}

/** The DER bytes of a node (as parsed from DER, the very bytes it was read from). */
export function derBytes(node: DerNode): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** The children of a constructed node; empty for a primitive one. */
export function childrenOf(node: DerNode | undefined): DerNode[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

/** The node when it has this class and tag, else undefined. */
export function tagged(node: DerNode | undefined, tagClass: number, type: number): DerNode | undefined {
  return node && node.tagClass === tagClass && node.type === type ? node : undefined;
}

/** A universal SEQUENCE's children; undefined when the node is not one. */
export function sequence(node: DerNode | undefined): DerNode[] | undefined {
  const seq = tagged(node, UNIVERSAL, TAG.SEQUENCE);
  return seq && Array.isArray(seq.value) ? seq.value : undefined;
}

/** A primitive node's content bytes. */
export function contentOf(node: DerNode | undefined): Buffer | undefined {
  return node && typeof node.value === 'string' ? Buffer.from(node.value, 'binary') : undefined;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oidOf(node: DerNode | undefined): string | undefined {
  const oid = tagged(node, UNIVERSAL, TAG.OID);
  if (!oid || typeof oid.value !== 'string' || oid.value.length === 0 || oid.value.length > 64) return undefined;
  return asn1.derToOid(oid.value);
}

/** A small INTEGER or ENUMERATED (a status, a reason, a TLS feature). */
export function smallIntegerOf(node: DerNode | undefined, type: number = TAG.INTEGER): number | undefined {
  const value = tagged(node, UNIVERSAL, type);
  if (!value || typeof value.value !== 'string' || value.value.length === 0 || value.value.length > 4) return undefined;
  return asn1.derToInteger(value.value);
}

/** An INTEGER as upper-case hex without leading zeros (a serial number, as Node's X509Certificate gives it). */
export function integerHex(node: DerNode | undefined): string | undefined {
  const bytes = contentOf(tagged(node, UNIVERSAL, TAG.INTEGER));
  if (!bytes || bytes.length === 0) return undefined;
  return bytes.toString('hex').toUpperCase().replace(/^0+(?=.)/, '');
}

/** A GeneralizedTime as ISO 8601 UTC, seconds precision. */
export function generalizedTimeOf(node: DerNode | undefined): string | undefined {
  const time = tagged(node, UNIVERSAL, TAG.GENERALIZEDTIME);
  if (!time || typeof time.value !== 'string' || time.value.length > 32) return undefined;
  try {
    const date = asn1.generalizedTimeToDate(time.value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  } catch {
    return undefined;
  }
}

/** A BIT STRING's bits as bytes (DER signatures and keys use whole bytes: the unused-bits count must be 0). */
export function bitStringBytes(node: DerNode | undefined): Buffer | undefined {
  const bytes = contentOf(tagged(node, UNIVERSAL, TAG.BITSTRING));
  return bytes && bytes.length > 0 && bytes[0] === 0 ? bytes.subarray(1) : undefined;
}

/** What the peer's certificates say, in the result's plain-text vocabulary. */
import { X509Certificate } from 'node:crypto';
import { rootCertificates, type DetailedPeerCertificate } from 'node:tls';
import { keyFactsOf } from '../x509/keyFacts';
import { DAY_MS } from '../units';
import type { ChainCertificate, ProbeResult } from './types';

/** A chain longer than this is cut: real ones have 2–4 certificates, a hostile peer may send hundreds. */
const MAX_CHAIN_LENGTH = 100;

/** The part of a probe result that one certificate determines. */
export type CertificateFacts = Pick<ProbeResult, 'subject' | 'issuer' | 'sans' | 'serialNumber' | 'notBefore' | 'notAfter' | 'fingerprintSha256'>;

export function certificateFacts(x509: X509Certificate): CertificateFacts {
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    sans: subjectAltNames(x509.subjectAltName),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: isoDate(x509.validFrom),
    notAfter: isoDate(x509.validTo),
    fingerprintSha256: x509.fingerprint256,
  };
}

/**
 * Leaf first, following issuer links; stops at a self-issued certificate, a cycle or the length cap.
 * `leafX509` is the socket's own parsed leaf (getPeerX509Certificate): parsing its DER again was
 * a tenth of a probe's CPU.
 */
export function peerChain(leaf: DetailedPeerCertificate, leafX509?: X509Certificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current && !seen.has(current) && chain.length < MAX_CHAIN_LENGTH) {
    seen.add(current);
    if (!current.raw || current.raw.length === 0) break;
    chain.push(current === leaf && leafX509 ? leafX509 : new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

export function chainEntry(x509: X509Certificate): ChainCertificate {
  const key = keyFactsOf(x509);
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    notAfter: isoDate(x509.validTo),
    keyType: key.keyType,
    keyBits: key.keyBits,
    signatureAlgorithm: key.signatureAlgorithm,
  };
}

let systemRoots: Set<string> | undefined;

/**
 * Whether the chain ends at a root of Node's bundled store (the publicly trusted CAs), checked by
 * fingerprint: an extra CA, NODE_EXTRA_CA_CERTS or a self-signed leaf is not one.
 */
export function endsAtSystemRoot(chain: X509Certificate[]): boolean {
  const last = chain.at(-1);
  if (!last || last.subject !== last.issuer) return false;
  systemRoots ??= new Set(rootCertificates.map((pem) => new X509Certificate(pem).fingerprint256));
  return systemRoots.has(last.fingerprint256);
}

/** Node prints a name one attribute per line ("C=US\nCN=example.com"); one line reads better. */
export function distinguishedName(multiLine: string): string {
  return multiLine
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/**
 * "DNS:a.example, IP Address:0:0:0:0:0:0:0:1, email:x@y" → ["a.example", "::1", "email:x@y"].
 * Node quotes a value that contains a comma or quote, JSON style.
 */
export function subjectAltNames(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  const entry = /\s*([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (entry.lastIndex < text.length && (match = entry.exec(text))) {
    const kind = match[1];
    let value = match[2];
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        /* keep the quoted text as it is */
      }
    }
    if (kind === 'DNS') names.push(value);
    else if (kind === 'IP Address') names.push(compactIp(value));
    else names.push(`${kind}:${value}`);
  }
  return names;
}

/** OpenSSL writes IPv6 SANs in full ("0:0:0:0:0:0:0:1"); people write "::1". */
function compactIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip;
  }
}

/** "Jan  1 00:00:00 2026 GMT" → "2026-01-01T00:00:00Z". */
function isoDate(opensslDate: string): string {
  const date = new Date(opensslDate);
  if (Number.isNaN(date.getTime())) return opensslDate;
  return date.toISOString().replace('.000Z', 'Z');
}

/** Whole days left, rounded down, so an hour past expiry is already -1. */
export function daysBetween(now: Date, notAfterIso: string): number {
  return Math.floor((Date.parse(notAfterIso) - now.getTime()) / DAY_MS);
}

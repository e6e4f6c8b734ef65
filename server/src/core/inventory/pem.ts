/** Certificates in PEM form: parsed with Node's X509Certificate, which knows RSA, ECDSA and Ed25519. */
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import { isIP } from 'node:net';
import { quoteText } from '../quote';
import type { Span } from '../types';
import { WorkspaceError } from '../workspace/errors';
import { dependedOn } from '../workspace/fileDependencies';
import { outsideRootReason } from '../workspace/pathPolicy';
import { READ_LIMITS, readTextFileSync } from '../workspace/readFile';

export interface PemCertificate {
  notBefore: Date;
  notAfter: Date;
  /** DNS and IP SANs; the subject CN when there are none. */
  names: string[];
  subject: string;
  x509: X509Certificate;
}

const BEGIN_CERTIFICATE = '-----BEGIN CERTIFICATE-----';
const END_CERTIFICATE = '-----END CERTIFICATE-----';
/** A bundle is read this far: real ones hold 2–4 certificates, a hostile file may hold thousands. */
export const MAX_BUNDLE_CERTIFICATES = 100;
/** Any private key armour: PKCS#8, RSA, EC, DSA, OpenSSH, encrypted. */
export const PRIVATE_KEY_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:[\s\S]*?-----END \1PRIVATE KEY-----)?/g;

/**
 * Parsed certificates by their PEM block: the editor lints an inventory on every keystroke, and
 * decoding each of its certificates again was a tenth of an edit's time. Bounded, oldest out.
 */
const parsedBlocks = new Map<string, PemCertificate | { error: string }>();
const MAX_PARSED_BLOCKS = 2_000;

/** The first certificate of a PEM text (the leaf of a chain). */
export function parsePem(text: string): PemCertificate | { error: string } {
  const [first] = certificateBlocks(text, 1);
  if (first === undefined) {
    return { error: text.includes('-----BEGIN') ? 'it holds no CERTIFICATE block' : 'it is not PEM (no -----BEGIN CERTIFICATE----- block)' };
  }
  return parseCachedBlock(first);
}

/** A bundle's certificates in file order (leaf first), at most MAX_BUNDLE_CERTIFICATES. */
export interface PemBundle {
  certificates: (PemCertificate | { error: string })[];
  /** More blocks followed than were read. */
  truncated: boolean;
}

export function parsePemBundle(text: string): PemBundle {
  const blocks = certificateBlocks(text, MAX_BUNDLE_CERTIFICATES + 1);
  return { certificates: blocks.slice(0, MAX_BUNDLE_CERTIFICATES).map(parseCachedBlock), truncated: blocks.length > MAX_BUNDLE_CERTIFICATES };
}

/**
 * Complete CERTIFICATE blocks, in order, at most `max`. Each search starts where the last block
 * ended, so the scan is linear however the text is made (a lazy regex over thousands of BEGIN
 * lines without an END is quadratic).
 */
function certificateBlocks(text: string, max: number): string[] {
  const blocks: string[] = [];
  let from = 0;
  while (blocks.length < max) {
    const start = text.indexOf(BEGIN_CERTIFICATE, from);
    if (start < 0) break;
    const end = text.indexOf(END_CERTIFICATE, start + BEGIN_CERTIFICATE.length);
    if (end < 0) break;
    from = end + END_CERTIFICATE.length;
    blocks.push(text.slice(start, from));
  }
  return blocks;
}

function parseCachedBlock(block: string): PemCertificate | { error: string } {
  let parsed = parsedBlocks.get(block);
  if (!parsed) {
    parsed = parseBlock(block);
    if (parsedBlocks.size >= MAX_PARSED_BLOCKS) parsedBlocks.delete(parsedBlocks.keys().next().value as string);
    parsedBlocks.set(block, parsed);
  }
  return parsed;
}

function parseBlock(block: string): PemCertificate | { error: string } {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(block);
  } catch (e) {
    return { error: `the certificate cannot be parsed (${(e as Error).message})` };
  }
  const notAfter = new Date(Date.parse(x509.validTo));
  if (Number.isNaN(notAfter.getTime())) return { error: `its notAfter "${x509.validTo}" is not a date` };
  const notBefore = new Date(Date.parse(x509.validFrom));
  if (Number.isNaN(notBefore.getTime())) return { error: `its notBefore "${x509.validFrom}" is not a date` };
  return { notBefore, notAfter, names: namesOf(x509), subject: x509.subject, x509 };
}

function namesOf(x509: X509Certificate): string[] {
  const sans = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .flatMap((s) => {
      if (s.startsWith('DNS:')) return [s.slice(4).toLowerCase()];
      if (s.startsWith('IP Address:')) return [s.slice(11).toLowerCase()];
      return [];
    });
  if (sans.length) return sans;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x509.subject ?? '');
  return cn ? [cn[1].trim().toLowerCase()] : [];
}

/** True when a certificate name covers the host: exact, or a wildcard for exactly one label. */
export function nameCovers(name: string, host: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (n === h) return true;
  if (isIP(h)) return false;
  if (!n.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === n.slice(2);
}

/** Reads `pemFile` relative to the inventory's directory; a problem in words when it cannot. */
export function readPemFile(
  pemFile: string,
  inventoryPath: string | undefined,
  access: { root?: string; allowOutside?: boolean } = {},
): { text: string; resolved: string } | { error: string } {
  return readEntryFile('pemFile', pemFile, inventoryPath, access);
}

/**
 * Reads a file an entry names (`pemFile`, `clientCert`, `clientKey`) relative to the inventory's
 * directory, inside the root unless allowed, bounded; a problem in words, naming the key, when it cannot.
 */
export function readEntryFile(
  key: string,
  value: string,
  inventoryPath: string | undefined,
  access: { root?: string; allowOutside?: boolean } = {},
  what = 'certificate',
): { text: string; resolved: string } | { error: string } {
  if (!path.isAbsolute(value) && !inventoryPath) {
    return { error: `${key} "${quoteText(value)}" is relative, and this document has no file path to resolve it against` };
  }
  const resolved = path.resolve(inventoryPath ? path.dirname(inventoryPath) : '/', value);
  if (!access.allowOutside) {
    if (access.root === undefined) return { error: `${key} "${quoteText(value)}" is not read: this document has no workspace folder (allowPathsOutsideWorkspace permits it)` };
    const outside = outsideRootReason(resolved, access.root, false, quoteText(value));
    if (outside) return { error: `${key} ${outside}` };
  }
  dependedOn(resolved);
  try {
    return { text: readTextFileSync(resolved, { maxBytes: READ_LIMITS.pem, what }, `"${quoteText(value)}"`), resolved };
  } catch (e) {
    if (!(e instanceof WorkspaceError)) throw e;
    return { error: `${key} ${e.message}` };
  }
}

/** Spans of private key blocks anywhere in the text (values, comments, block scalars alike). */
export function privateKeySpans(text: string): { span: Span; label: string }[] {
  const out: { span: Span; label: string }[] = [];
  for (const m of text.matchAll(PRIVATE_KEY_BLOCK)) {
    const start = m.index ?? 0;
    out.push({ span: { start, end: start + m[0].length }, label: `${m[1]}PRIVATE KEY` });
  }
  return out;
}

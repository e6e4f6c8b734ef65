/**
 * PEM certificate blocks, apart from the trust store (trust.ts loads node:tls): the inventory's
 * rules read client certificates with these, and a lint that probes nothing needs no TLS.
 */
import { X509Certificate } from 'node:crypto';
import { ProbeInputError } from './types';

export const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate block of a PEM text (a bundle holds several); a ProbeInputError when there is none or one is broken. */
export function splitPemCertificates(pem: string, source = 'extra CA'): string[] {
  if (typeof pem !== 'string') throw new ProbeInputError(`${source}: expected PEM text.`);
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new ProbeInputError(`${source}: no "BEGIN CERTIFICATE" block found; expected PEM certificates.`);
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (e) {
      throw new ProbeInputError(`${source}: certificate ${i + 1} cannot be read (${(e as Error).message}).`);
    }
  });
  return blocks;
}

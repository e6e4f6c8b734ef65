/** The certificates of an entry's PEM (a bundle: leaf first, then intermediates, in file order), named for messages. */
import { quoteText } from '../quote';
import type { PemSource } from './entryPem';
import type { PemCertificate } from './pem';

export type BundleRole = 'leaf' | 'intermediate' | 'root';

export interface BundleCertificate {
  cert: PemCertificate;
  /** 1 for the leaf. */
  position: number;
  role: BundleRole;
  /** "the leaf (CN=api.example.com)", "certificate 2, an intermediate (CN=Issuing CA)". */
  label: string;
}

/** Every readable certificate of the source; a block that cannot be parsed is skipped (pem-invalid speaks for the leaf). */
export function bundleCertificates(source: PemSource): BundleCertificate[] {
  const out: BundleCertificate[] = [];
  source.bundle.certificates.forEach((cert, i) => {
    if ('error' in cert) return;
    const role: BundleRole = i === 0 ? 'leaf' : cert.x509.subject === cert.x509.issuer ? 'root' : 'intermediate';
    const name = `CN=${commonName(cert)}`;
    const label = role === 'leaf' ? `the leaf (${name})` : `certificate ${i + 1}, ${role === 'root' ? 'a root' : 'an intermediate'} (${name})`;
    out.push({ cert, position: i + 1, role, label });
  });
  return out;
}

/** The subject's CN (quoted for a message), else the whole subject on one line. */
function commonName(cert: PemCertificate): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject ?? '');
  return quoteText(cn ? cn[1].trim() : cert.subject.replace(/\n/g, ', '));
}

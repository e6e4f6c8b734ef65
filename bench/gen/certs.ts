/**
 * Certificates for inventory PEMs, made with node-forge from a seeded PRNG so the same PEM text
 * comes out on every run (the key is 1024-bit: pure-JS key generation is slow and size is irrelevant here).
 */
import forge from 'node-forge';
import { Random } from '../lib/random';

export interface GeneratedCert {
  name: string;
  notAfter: Date;
  pem: string;
}

export function generateCerts(names: string[], seed = 7): GeneratedCert[] {
  const r = new Random(seed);
  const prng = forge.random.createInstance();
  prng.seedFileSync = (needed: number) => {
    let bytes = '';
    for (let i = 0; i < needed; i++) bytes += String.fromCharCode(r.int(0, 255));
    return bytes;
  };
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001, prng, workers: -1 });
  return names.map((name, i) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = (0x1000 + i).toString(16);
    cert.validity.notBefore = new Date(Date.UTC(2026, 0, 1));
    cert.validity.notAfter = new Date(Date.UTC(2027, i % 12, 1 + (i % 27)));
    const attrs = [{ name: 'commonName', value: name }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    return { name, notAfter: cert.validity.notAfter, pem: forge.pki.certificateToPem(cert) };
  });
}

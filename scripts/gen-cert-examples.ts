// Generates the certificates examples/inventory/cert-inventory.yaml points at. Run once:
//   npx tsx scripts/gen-cert-examples.ts
// Only the certificates are written; the private keys stay in memory and are thrown away.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { DAY_MS } from '../server/src/core/units';

const OUT = join(import.meta.dirname, '..', 'examples', 'inventory', 'certs');

function selfSigned(dnsNames: string[], notAfter: string): string {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = '01';
  cert.validity.notAfter = new Date(notAfter);
  cert.validity.notBefore = new Date(cert.validity.notAfter.getTime() - 365 * DAY_MS);
  const subject = [{ name: 'commonName', value: dnsNames[0] }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) }]);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

mkdirSync(OUT, { recursive: true });
// Agrees with its inventory entry: clean.
writeFileSync(join(OUT, 'api-gateway.pem'), selfSigned(['api.example.com'], '2027-08-16T16:14:00Z'));
// Disagrees on purpose (cert/pem-mismatch): an earlier notAfter and no checkout.example.com.
writeFileSync(join(OUT, 'payments.pem'), selfSigned(['payments.example.com'], '2027-03-01T00:00:00Z'));
console.log(`wrote ${OUT}/api-gateway.pem and payments.pem`);

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

interface Issued {
  pem: string;
  key: forge.pki.rsa.PrivateKey;
  subject: forge.pki.CertificateField[];
}

/** A certificate for the bundle and weak-crypto examples: its own key (RSA of `bits`), signed by `issuer` (else self-signed). */
function issue(spec: { cn: string; notBefore: string; notAfter: string; ca?: boolean; issuer?: Issued; bits?: number; sha1?: boolean }): Issued {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: spec.bits ?? 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(spec.notBefore);
  cert.validity.notAfter = new Date(spec.notAfter);
  const subject = [{ name: 'commonName', value: spec.cn }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer?.subject ?? subject);
  cert.setExtensions(
    spec.ca
      ? [{ name: 'basicConstraints', cA: true, critical: true }]
      : [{ name: 'subjectAltName', altNames: [{ type: 2, value: spec.cn }] }],
  );
  cert.sign(spec.issuer?.key ?? key, spec.sha1 ? forge.md.sha1.create() : forge.md.sha256.create());
  return { pem: forge.pki.certificateToPem(cert), key, subject };
}

mkdirSync(OUT, { recursive: true });
// Agrees with its inventory entry: clean.
writeFileSync(join(OUT, 'api-gateway.pem'), selfSigned(['api.example.com'], '2027-08-16T16:14:00Z'));
// Disagrees on purpose (cert/pem-mismatch): an earlier notAfter and no checkout.example.com.
writeFileSync(join(OUT, 'payments.pem'), selfSigned(['payments.example.com'], '2027-03-01T00:00:00Z'));
// cert/chain-expiry: the intermediate of the bundle expires on 2026-12-17, before the leaf (2027-01-30).
const root = issue({ cn: 'Example Root CA', notBefore: '2020-01-01T00:00:00Z', notAfter: '2035-01-01T00:00:00Z', ca: true });
const intermediate = issue({ cn: 'Example Issuing CA 2', notBefore: '2021-12-17T00:00:00Z', notAfter: '2026-12-17T00:00:00Z', ca: true, issuer: root });
const edge = issue({ cn: 'edge.example.com', notBefore: '2026-11-01T00:00:00Z', notAfter: '2027-01-30T00:00:00Z', issuer: intermediate });
writeFileSync(join(OUT, 'edge-bundle.pem'), edge.pem + intermediate.pem + root.pem);
// cert/weak-key and cert/weak-signature: an RSA-1024 key, signed with SHA-1.
writeFileSync(join(OUT, 'legacy-vpn.pem'), issue({ cn: 'legacy-vpn.example.com', notBefore: '2026-06-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z', bits: 1024, sha1: true }).pem);
console.log(`wrote ${OUT}/api-gateway.pem, payments.pem, edge-bundle.pem and legacy-vpn.pem`);

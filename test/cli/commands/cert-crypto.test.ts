/**
 * The live check reports keys and signatures of the chain the server sends: `incident-docs cert`
 * (the built CLI) against a real server on loopback presenting an RSA-1024 leaf signed with SHA-1
 * by an intermediate that expires before it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { ProbeResult } from '../../../server/src/core/live';
import { judgeCertificate } from '../../../server/src/core/live';
import { CLI } from '../helpers';
import { addDays, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../../helpers/tls';

const NOW = wholeSecondNow();
const root = createCertificate({ commonName: 'Crypto Root CA', isCa: true, notAfter: addDays(NOW, 3650), keyName: 'crypto-root' });
const intermediate = createCertificate({ commonName: 'Crypto Issuing CA', isCa: true, issuer: root, notAfter: addDays(NOW, 20), keyName: 'crypto-int' });
const leaf = createCertificate({
  commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: intermediate,
  notAfter: addDays(NOW, 80), keyBits: 1024, signatureDigest: 'sha1', keyName: 'crypto-leaf',
});

let server: TestTlsServer;
let dir: string;
before(async () => {
  server = await startTlsServer({ chain: [leaf, intermediate], weakCrypto: true });
  dir = mkdtempSync(join(tmpdir(), 'incident-docs-crypto-'));
  writeFileSync(join(dir, 'root.pem'), root.certPem);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Asynchronous: the server lives in this process and must keep answering. */
async function cert(format: 'json' | 'text') {
  const args = [CLI, 'cert', server.target, '--ca', join(dir, 'root.pem'), '--timeout', '10000', '--format', format];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: 'utf8' });
    return { code: 0, stdout };
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('incident-docs cert: keys and signatures of the chain', () => {
  it('the result object has keyType, keyBits and signatureAlgorithm per chain entry', async () => {
    const run = await cert('json');
    assert.equal(run.code, 1, 'weak and expiring: a problem');
    const result = JSON.parse(run.stdout) as ProbeResult;
    assert.deepEqual(
      result.chain.map((c) => [c.subject, c.keyType, c.keyBits, c.signatureAlgorithm]),
      [
        ['CN=localhost', 'RSA', 1024, 'sha1WithRSAEncryption'],
        ['CN=Crypto Issuing CA', 'RSA', 2048, 'sha256WithRSAEncryption'],
        ['CN=Crypto Root CA', 'RSA', 2048, 'sha256WithRSAEncryption'],
      ],
    );
    assert.equal(result.trustedBySystemStore, false);
    const kinds = judgeCertificate(result, { warnDays: 30, now: NOW }).map((p) => p.kind);
    for (const kind of ['chain-expiring', 'weak-key', 'weak-signature']) assert.ok(kinds.includes(kind as never), `${kind} in ${kinds}`);
  });

  it('the text output shows them on each chain line and in the verdict', async () => {
    const run = await cert('text');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /1\. CN=localhost {2}\(issued by CN=Crypto Issuing CA; expires \S+; RSA 1024, sha1WithRSAEncryption\)/);
    assert.match(run.stdout, /2\. CN=Crypto Issuing CA {2}\(issued by CN=Crypto Root CA; expires \S+; RSA 2048, sha256WithRSAEncryption\)/);
    const verdict = run.stdout.split('\n').find((l) => l.startsWith('PROBLEM: ')) ?? '';
    assert.match(verdict, /the chain certificate CN=Crypto Issuing CA expires in 19 days|the chain certificate CN=Crypto Issuing CA expires in 20 days/);
    assert.match(verdict, /the certificate has a weak key, RSA 1024 \(an RSA key of 1024 bits is below the 2048/);
    assert.match(verdict, /the certificate is signed with sha1WithRSAEncryption/);
    assert.doesNotMatch(verdict, /Crypto Root CA is signed/);
  });
});

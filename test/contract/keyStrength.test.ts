/** Which keys and signatures are weak: one judgement for the inventory rules and the live verdict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeKey, isWeakSignature, weakKeyReason } from '../../contract/src/keyStrength';

describe('key strength', () => {
  it('RSA below 2048 bits, EC below P-256 and any DSA key are weak', () => {
    assert.match(weakKeyReason({ keyType: 'RSA', keyBits: 1024 }) ?? '', /1024 bits is below the 2048/);
    assert.match(weakKeyReason({ keyType: 'RSA-PSS', keyBits: 2047 }) ?? '', /2047 bits/);
    assert.match(weakKeyReason({ keyType: 'EC', keyBits: 192, curve: 'prime192v1' }) ?? '', /prime192v1 \(192 bits\) is below P-256/);
    assert.match(weakKeyReason({ keyType: 'EC', keyBits: 224 }) ?? '', /224 bits is below P-256/);
    assert.match(weakKeyReason({ keyType: 'DSA', keyBits: 2048 }) ?? '', /DSA/);
    for (const ok of [{ keyType: 'RSA', keyBits: 2048 }, { keyType: 'EC', keyBits: 256 }, { keyType: 'Ed25519', keyBits: null }, {}]) {
      assert.equal(weakKeyReason(ok), undefined, JSON.stringify(ok));
    }
  });
  it('SHA-1 and MD5 signatures are weak, SHA-2 and unknown ones are not', () => {
    for (const weak of ['sha1WithRSAEncryption', 'md5WithRSAEncryption', 'ecdsa-with-SHA1', 'dsaWithSHA1']) assert.ok(isWeakSignature(weak), weak);
    for (const ok of ['sha256WithRSAEncryption', 'ecdsa-with-SHA384', 'ED25519', '1.2.3.4', undefined]) assert.ok(!isWeakSignature(ok), String(ok));
  });
  it('describes keys for messages', () => {
    assert.equal(describeKey({ keyType: 'EC', keyBits: 192, curve: 'prime192v1' }), 'EC 192 (prime192v1)');
    assert.equal(describeKey({ keyType: 'Ed25519', keyBits: null }), 'Ed25519');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portNumber, splitHostPort } from '../../contract/src/hostSyntax';

test('splitHostPort splits at the port colon, brackets or not, and names what is wrong', () => {
  assert.deepEqual(splitHostPort('example.com'), { host: 'example.com', bracketed: false });
  assert.deepEqual(splitHostPort('example.com:8443'), { host: 'example.com', port: '8443', bracketed: false });
  assert.deepEqual(splitHostPort('example.com:'), { host: 'example.com', port: '', bracketed: false });
  assert.deepEqual(splitHostPort('[::1]'), { host: '::1', port: undefined, bracketed: true });
  assert.deepEqual(splitHostPort('[::1]:443'), { host: '::1', port: '443', bracketed: true });
  assert.deepEqual(splitHostPort('[::1'), { problem: 'unclosed-bracket' });
  assert.deepEqual(splitHostPort('[::1]x'), { problem: 'text-after-bracket' });
  assert.deepEqual(splitHostPort('::1'), { problem: 'several-colons' });
  assert.deepEqual(splitHostPort('a:1:2'), { problem: 'several-colons' });
});

test('portNumber takes 1-65535 written in digits, nothing else', () => {
  assert.equal(portNumber('443'), 443);
  assert.equal(portNumber('65535'), 65535);
  for (const text of ['', '0', '65536', '100000', '44x', ' 443', '-1', '4.4']) assert.equal(portNumber(text), undefined, text);
});

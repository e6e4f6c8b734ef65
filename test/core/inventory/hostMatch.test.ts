import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostsMatch, namespaceName, namespacesAgree, normalizeHost } from '../../../server/src/core/inventory/hostMatch';

describe('host matching across files', () => {
  it('compares names in lower case, without a trailing dot or a port', () => {
    assert.equal(normalizeHost(' API.Example.com. '), 'api.example.com');
    assert.equal(normalizeHost('api.example.com:8443'), 'api.example.com');
    assert.equal(normalizeHost('[2001:DB8::1]:443'), '2001:db8::1');
    assert.equal(normalizeHost('2001:db8::1'), '2001:db8::1');
    assert.equal(normalizeHost('  '), undefined);
  });
  it('lets a wildcard on either side cover exactly one label', () => {
    assert.ok(hostsMatch('api.example.com', 'api.example.com'));
    assert.ok(hostsMatch('*.example.com', 'api.example.com'));
    assert.ok(hostsMatch('api.example.com', '*.example.com'));
    assert.ok(hostsMatch('*.example.com', '*.example.com'));
    assert.ok(!hostsMatch('*.example.com', 'example.com'));
    assert.ok(!hostsMatch('*.example.com', 'a.b.example.com'));
    assert.ok(!hostsMatch('*.example.com', '*.a.example.com'));
    assert.ok(!hostsMatch('*.example.com', 'apiexample.com'));
    assert.ok(!hostsMatch('api.example.com', 'api.example.org'));
  });
  it('reads the namespace after a cluster prefix, and asks agreement only when both sides name one', () => {
    assert.equal(namespaceName('prod-cluster/Gateway'), 'gateway');
    assert.equal(namespaceName('gateway'), 'gateway');
    assert.equal(namespaceName(' '), undefined);
    assert.equal(namespaceName(undefined), undefined);
    assert.ok(namespacesAgree('a', 'a'));
    assert.ok(namespacesAgree(undefined, 'a'));
    assert.ok(namespacesAgree('a', undefined));
    assert.ok(!namespacesAgree('a', 'b'));
  });
});

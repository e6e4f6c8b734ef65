import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareByExpiry,
  describeDaysLeft,
  describeHosts,
  groupByInventory,
  soonest,
  sortByExpiry,
  statusBarText,
  toneOf,
  TONE_COLORS,
} from '../../client/src/certificates/certificateList';
import type { InventoryCertificate } from '../../contract/src/requests';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
let nextIndex = 0;
function cert(name: string, uri: string, expires: string | undefined, daysLeft: number | undefined, state: InventoryCertificate['state']): InventoryCertificate {
  return { uri, index: nextIndex++, name, hosts: [`${name}.example.com`], expires, daysLeft, warnDays: 30, state, range, selectionRange: range };
}

const A = 'file:///ws/a/cert-inventory.yaml';
const B = 'file:///ws/b/certificates.yaml';
const api = cert('api', A, '2027-08-16T00:00:00.000Z', 262, 'valid');
const www = cert('www', A, '2026-12-20T12:00:00.000Z', 23, 'expiring');
const legacy = cert('legacy', B, '2026-11-24T00:00:00.000Z', -3, 'expired');
const undated = cert('undated', B, undefined, undefined, 'unknown');

describe('certificates: order, groups, words', () => {
  test('soonest expiry first, undated last', () => {
    assert.deepEqual(sortByExpiry([undated, api, www, legacy]).map((c) => c.name), ['legacy', 'www', 'api', 'undated']);
    assert.ok(compareByExpiry(api, api) === 0);
  });

  test('groups per inventory, inventories by their soonest entry, empty inventories last', () => {
    const empty = 'file:///ws/c/certificates.yaml';
    const groups = groupByInventory([api, www, legacy, undated], [A, B, empty]);
    assert.deepEqual(groups.map((g) => g.uri), [B, A, empty]);
    assert.deepEqual(groups[1].certificates.map((c) => c.name), ['www', 'api']);
    assert.deepEqual(groups[2].certificates, []);
  });

  test('the status bar names the soonest', () => {
    assert.equal(soonest([api, www, undated]), www);
    assert.equal(soonest([undated]), undefined);
    assert.equal(statusBarText(www), '$(shield) www: 23 days');
    assert.equal(statusBarText(legacy), '$(shield) legacy: expired 3 days ago');
  });

  test('days left in words', () => {
    assert.equal(describeDaysLeft({ daysLeft: 1, state: 'expiring' }), '1 day');
    assert.equal(describeDaysLeft({ daysLeft: 0, state: 'expiring' }), 'expires today');
    assert.equal(describeDaysLeft({ daysLeft: 0, state: 'expired' }), 'expired today');
    assert.equal(describeDaysLeft({ daysLeft: -1, state: 'expired' }), 'expired 1 day ago');
    assert.equal(describeDaysLeft({ daysLeft: undefined, state: 'unknown' }), 'no expiry date');
    assert.equal(describeHosts({ hosts: [] }), 'no hosts');
  });

  test('colours follow the server state', () => {
    assert.equal(TONE_COLORS[toneOf(legacy)], 'charts.red');
    assert.equal(TONE_COLORS[toneOf(www)], 'charts.yellow');
    assert.equal(TONE_COLORS[toneOf(api)], 'charts.green');
    assert.equal(TONE_COLORS[toneOf(undated)], undefined);
  });
});

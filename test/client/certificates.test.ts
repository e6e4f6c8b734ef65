import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareByExpiry,
  describeDaysLeft,
  describeDueDate,
  describeGroup,
  inventoriesNeedingAction,
  lookUpSections,
  stateGroups,
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
  return { uri, index: nextIndex++, name, hosts: [`${name}.example.com`], expires, daysLeft, renewalDue: null, warnDays: 30, state, range, selectionRange: range };
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

  test('an automatically renewed certificate sorts by its renewal point, when a person must look, not by its expiry', () => {
    // Expires after www, but renewal is due a third of its lifetime earlier: before www.
    const renewed = { ...cert('renewed', A, '2027-01-10T00:00:00.000Z', 44, 'valid'), renewalDue: '2026-12-08T00:00:00.000Z', renewalDaysLeft: 11 };
    assert.deepEqual(sortByExpiry([api, www, renewed, legacy]).map((c) => c.name), ['legacy', 'renewed', 'www', 'api']);
    assert.equal(soonest([api, www, renewed])?.name, 'renewed');
    assert.equal(statusBarText(renewed), '$(shield) renewed: renews in 11 days');
    assert.equal(describeDueDate(renewed), '2026-12-08 (expires 2027-01-10)');
    assert.equal(describeDueDate(www), '2026-12-20');
    // Past its renewal point and not replaced: still first, and said so.
    const overdue = { ...renewed, name: 'overdue', renewalDue: '2026-11-20T00:00:00.000Z', renewalDaysLeft: -7 };
    assert.equal(describeDaysLeft(overdue), 'renewal 7 days overdue');
    assert.equal(describeDaysLeft({ ...renewed, renewalDaysLeft: 0 }), 'renewal due today');
    // Once expired, the expiry is what matters again: it sorts and reads as expired.
    const lapsed = { ...cert('lapsed', A, '2026-11-30T00:00:00.000Z', -3, 'expired'), renewalDue: '2026-10-01T00:00:00.000Z', renewalDaysLeft: -63 };
    assert.equal(describeDaysLeft(lapsed), 'expired 3 days ago');
    assert.deepEqual(sortByExpiry([lapsed, legacy]).map((c) => c.name), ['legacy', 'lapsed']);
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
    assert.equal(statusBarText(www), '$(shield) www: expires in 23 days');
    assert.equal(statusBarText(legacy), '$(shield) legacy: expired 3 days ago');
  });

  test('days left in words', () => {
    assert.equal(describeDaysLeft({ daysLeft: 1, state: 'expiring' }), 'expires in 1 day');
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

  test('an automatically renewed certificate past its renewal point is yellow, however far its expiry', () => {
    const renewed = { state: 'valid' as const, renewalDue: '2026-11-20T00:00:00.000Z' };
    assert.equal(TONE_COLORS[toneOf({ ...renewed, renewalDaysLeft: -3 })], 'charts.yellow');
    assert.equal(describeDaysLeft({ ...renewed, daysLeft: 40, renewalDaysLeft: -3 }), 'renewal 3 days overdue', 'the words say the same');
    assert.equal(TONE_COLORS[toneOf({ ...renewed, renewalDaysLeft: 0 })], 'charts.yellow', 'due today');
    assert.equal(TONE_COLORS[toneOf({ ...renewed, renewalDaysLeft: 5 })], 'charts.green', 'not due yet');
    assert.equal(TONE_COLORS[toneOf({ ...renewed, state: 'expired', renewalDaysLeft: -60 })], 'charts.red', 'expired is red');
    assert.equal(TONE_COLORS[toneOf({ state: 'valid', renewalDue: null, renewalDaysLeft: -3 })], 'charts.green', 'no renewal point: judged by expiry');
  });
});

describe('a large inventory next to small ones', () => {
  const BIG = 'file:///ws/generated/certificates.yaml';
  const big = [
    ...Array.from({ length: 4800 }, (_, i) => cert(`old-${i}`, BIG, new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(), -2000, 'expired')),
    ...Array.from({ length: 200 }, (_, i) => cert(`soon-${i}`, BIG, '2026-12-01T00:00:00.000Z', 4, 'expiring')),
  ];

  test('the badge counts the inventories to open, not their certificates', () => {
    assert.deepEqual(inventoriesNeedingAction([...big, api, www, legacy, undated]), { inventories: 3, expired: 4801, expiring: 201 });
    assert.deepEqual(inventoriesNeedingAction([api, undated]), { inventories: 0, expired: 0, expiring: 0 });
  });

  test('its entries come by state, so the few expiring are not under thousands expired', () => {
    const groups = stateGroups({ uri: BIG, certificates: sortByExpiry(big) });
    assert.deepEqual(groups.map((g) => [g.label, g.certificates.length]), [['Expired', 4800], ['Expiring', 200]]);
    assert.equal(describeGroup(big), '5,000 certificates · 4,800 expired, 200 expiring');
  });

  test('Look Up shows each inventory’s soonest first, then the rest; one inventory is one plain list', () => {
    const sections = lookUpSections([...big, api, www, legacy], (uri) => uri.replace('file:///ws/', ''), 5);
    assert.deepEqual(sections.map((s) => [s.title, s.certificates.length]), [
      ['generated/certificates.yaml · 5,000 certificates · 4,800 expired, 200 expiring', 5],
      ['b/certificates.yaml · 1 certificate · 1 expired', 1],
      ['a/cert-inventory.yaml · 2 certificates · 1 expiring', 2],
      ['generated/certificates.yaml · the other 4,995', 4995],
    ]);
    const firstScreen = sections.slice(0, 3).flatMap((s) => s.certificates.map((c) => c.name));
    assert.ok(firstScreen.includes('www') && firstScreen.includes('legacy'), 'the small inventories are on the first screen');
    assert.deepEqual(lookUpSections([api, www], (u) => u), [{ certificates: [www, api] }]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Config } from '../../../server/src/core/config';
import { diffInventories, type EntryDiff, type InventoryDiff, type InventoryVersion } from '../../../server/src/core/inventory/diff';
import type { CertModel } from '../../../server/src/core/inventory/model';
import { analyze, lintAnalysis } from '../../../server/src/core/lint';
import { DAY_MS } from '../../../server/src/core/units';
import { configWith, NOW } from '../../helpers/inventory';

function version(text: string, config: Config): InventoryVersion {
  const analysis = analyze({ path: '/repo/inventory.yaml', text }, config, { now: NOW });
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  return { model, findings: lintAnalysis(analysis, { now: NOW }) };
}

function diff(before: string, after: string, values: Record<string, unknown> = {}): InventoryDiff {
  const config = configWith(values);
  return diffInventories(version(before, config), version(after, config), { config, now: NOW });
}

function entry(result: InventoryDiff, label: string): EntryDiff {
  const found = result.entries.find((e) => e.label === label);
  assert.ok(found, `no entry ${label} in ${JSON.stringify(result.entries.map((e) => e.label))}`);
  return found;
}

const ENTRY = (name: string, extra = '', hosts = `${name}.example.com`) =>
  `  - name: ${name}\n    hosts: [${hosts}]\n    expires: 2027-06-01\n    renewal: { method: acme }\n${extra}`;
const DEFAULTS = 'defaults:\n  owner: platform-team@example.com\n  notify: [sre-oncall@example.com]\n';
const inventory = (...entries: string[]) => `${DEFAULTS}certificates:\n${entries.join('')}`;

describe('diffInventories', () => {
  it('an unchanged inventory, re-ordered and re-formatted, has no changes', () => {
    const before = inventory(ENTRY('a'), ENTRY('b'));
    const after = `# reordered\n${inventory(ENTRY('b'), ENTRY('a').replace('[a.example.com]', '\n      - a.example.com'))}`;
    const result = diff(before, after);
    assert.deepEqual(result.entries, []);
    assert.deepEqual(result.defaults, []);
    assert.deepEqual(result.counts, { added: 0, removed: 0, changed: 0, renamed: 0, introduced: 0, resolved: 0 });
  });

  it('entries added and removed, with what they hold and the findings that come and go with them', () => {
    const result = diff(inventory(ENTRY('a'), ENTRY('gone').replace('2027-06-01', '2026-11-01')), inventory(ENTRY('a'), ENTRY('new').replace('2027-06-01', '2026-12-01')));
    const added = entry(result, 'new');
    assert.equal(added.status, 'added');
    assert.deepEqual(added.hosts, ['new.example.com']);
    assert.equal(added.expires, '2026-12-01');
    assert.equal(added.state, 'expiring');
    assert.deepEqual(added.findings.introduced.map((f) => f.rule), ['cert/expiring']);
    const removed = entry(result, 'gone');
    assert.equal(removed.status, 'removed');
    assert.deepEqual(removed.findings.resolved.map((f) => f.rule), ['cert/expired']);
    assert.equal(removed.line, 9, 'the line in the old version');
    assert.deepEqual(result.counts, { added: 1, removed: 1, changed: 0, renamed: 0, introduced: 1, resolved: 1 });
  });

  it('expires moved: which way, by how much, and where it now stands against the warn window', () => {
    const at = (day: string, warn = '') => inventory(ENTRY('a').replace('2027-06-01', day) + warn);
    const earlier = entry(diff(at('2027-06-01'), at('2026-12-10')), 'a').changes[0];
    assert.deepEqual(earlier, {
      kind: 'expires',
      before: '2027-06-01',
      after: '2026-12-10',
      movedMs: -173 * DAY_MS,
      stateBefore: 'valid',
      stateAfter: 'expiring',
      warnDays: 30,
    });
    const later = entry(diff(at('2026-11-20'), at('2027-02-20')), 'a');
    assert.equal(later.changes[0].kind === 'expires' && later.changes[0].movedMs, 92 * DAY_MS);
    assert.equal(later.changes[0].kind === 'expires' && later.changes[0].stateBefore, 'expired');
    assert.equal(later.changes[0].kind === 'expires' && later.changes[0].stateAfter, 'valid');
    assert.deepEqual(later.findings.resolved.map((f) => f.rule), ['cert/expired']);
    // The entry's own warnDays is the window: 100 days makes 2027-02-20 expiring.
    const ownWindow = entry(diff(at('2026-11-20'), at('2027-02-20', '    warnDays: 100\n')), 'a').changes[0];
    assert.equal(ownWindow.kind === 'expires' && ownWindow.stateAfter, 'expiring');
    assert.equal(ownWindow.kind === 'expires' && ownWindow.warnDays, 100);
    // The same instant written another way is no move.
    assert.deepEqual(diff(at('2027-06-01'), at('2027-06-01T00:00:00Z')).entries, []);
    const unset = entry(diff(at('2027-06-01'), at('nonsense')), 'a').changes[0];
    assert.deepEqual(unset, { kind: 'expires', before: '2027-06-01', after: 'nonsense', stateBefore: 'valid' });
  });

  it('owner, notify and escalation: addresses added and removed, a team address replaced by a personal one called out', () => {
    const before = inventory(ENTRY('a', '    owner: pki-team@example.com\n    notify: [sre-oncall@example.com, certs@example.com]\n'));
    const after = inventory(
      ENTRY('a', '    owner: jane.doe@example.com\n    notify: [sre-oncall@example.com, bob@gmail.com]\n').replace(
        'renewal: { method: acme }',
        'renewal: { method: acme, escalation: team-lead@example.com }',
      ),
    );
    const [owner, notify, escalation] = entry(diff(before, after), 'a').changes;
    assert.deepEqual(owner, {
      kind: 'addresses',
      role: 'owner',
      before: [{ address: 'pki-team@example.com', valid: true, personal: false }],
      after: [{ address: 'jane.doe@example.com', valid: true, personal: true }],
      added: [{ address: 'jane.doe@example.com', valid: true, personal: true }],
      removed: [{ address: 'pki-team@example.com', valid: true, personal: false }],
      teamReplacedByPersonal: true,
      inheritedBefore: false,
      inheritedAfter: false,
    });
    assert.equal(notify.kind === 'addresses' && notify.teamReplacedByPersonal, true);
    assert.deepEqual(notify.kind === 'addresses' && notify.added.map((a) => a.address), ['bob@gmail.com']);
    assert.deepEqual(notify.kind === 'addresses' && notify.removed.map((a) => a.address), ['certs@example.com']);
    assert.equal(escalation.kind === 'addresses' && escalation.role, 'escalation');
    assert.equal(escalation.kind === 'addresses' && escalation.teamReplacedByPersonal, false);
    // A personal address replaced by a team one is a change, not a warning.
    const back = entry(diff(after, before), 'a').changes[0];
    assert.equal(back.kind === 'addresses' && back.teamReplacedByPersonal, false);
  });

  it('a value from defaults is reported once, under defaults, with the entries that inherit it', () => {
    const before = inventory(ENTRY('a'), ENTRY('b'), ENTRY('c', '    owner: own-team@example.com\n'));
    const after = before.replace('owner: platform-team@example.com', 'owner: john.smith@example.com');
    const result = diff(before, after);
    assert.equal(result.defaults.length, 1);
    const [change] = result.defaults;
    assert.equal(change.kind === 'addresses' && change.teamReplacedByPersonal, true);
    assert.equal(change.inheritedBy, 2);
    // Each inheriting entry gets the personal-email finding; no entry lists the owner change itself.
    for (const e of result.entries) assert.deepEqual(e.changes, []);
    assert.deepEqual(result.entries.map((e) => [e.label, e.findings.introduced.map((f) => f.rule)]), []);
    assert.deepEqual(result.findings.introduced.map((f) => f.rule), ['cert/personal-email']);
    // An entry that stops inheriting is a change of its own.
    const own = diff(before, before.replace(ENTRY('a'), ENTRY('a', '    owner: a-team@example.com\n')));
    const [ownChange] = entry(own, 'a').changes;
    assert.equal(ownChange.kind === 'addresses' && ownChange.inheritedBefore, true);
    assert.equal(ownChange.kind === 'addresses' && ownChange.inheritedAfter, false);
  });

  it('hosts added and dropped compare as host:port, shown as written', () => {
    const result = diff(inventory(ENTRY('a', '', 'a.example.com, old.example.com')), inventory(ENTRY('a', '', 'A.example.com:443, new.example.com:8443')));
    assert.deepEqual(entry(result, 'a').changes, [{ kind: 'hosts', added: ['new.example.com:8443'], removed: ['old.example.com'] }]);
  });

  it('renewal method and SOP, and any other key, as written', () => {
    const before = inventory(ENTRY('a', '    environment: staging\n').replace('{ method: acme }', '{ method: manual, sop: "https://wiki/a" }'));
    const after = inventory(ENTRY('a', '    environment: prod\n    secret: vault:a\n').replace('{ method: acme }', '{ method: acme }'));
    assert.deepEqual(entry(diff(before, after), 'a').changes, [
      { kind: 'renewal', part: 'method', before: 'manual', after: 'acme', inheritedBefore: false, inheritedAfter: false },
      { kind: 'renewal', part: 'sop', before: 'https://wiki/a', after: undefined, inheritedBefore: false, inheritedAfter: false },
      { kind: 'value', key: 'environment', before: 'staging', after: 'prod' },
      { kind: 'value', key: 'secret', before: undefined, after: 'vault:a' },
    ]);
  });

  it('a rename is found by the hosts the entries share, the most shared first; its findings do not come and go with the name', () => {
    const expired = (name: string, hosts: string) => ENTRY(name, '', hosts).replace('2027-06-01', '2026-11-01');
    const before = inventory(expired('www', 'www.example.com, example.com'), ENTRY('other', '', 'example.com'));
    const after = inventory(expired('website', 'www.example.com, example.com'), ENTRY('other', '', 'example.com'));
    const result = diff(before, after);
    const renamed = entry(result, 'website');
    assert.equal(renamed.status, 'changed');
    assert.deepEqual(renamed.previous, { name: 'www', label: 'www' });
    assert.equal(renamed.matchedBy, 'hosts');
    assert.deepEqual(renamed.findings, { introduced: [], resolved: [] }, 'cert/expired names the entry; the rename alone does not resolve it');
    assert.equal(result.counts.renamed, 1);

    const most = diff(inventory(ENTRY('x', '', 'a.example.com'), ENTRY('y', '', 'a.example.com, b.example.com')), inventory(ENTRY('z', '', 'a.example.com, b.example.com')));
    assert.equal(entry(most, 'z').previous?.name, 'y');
    assert.equal(entry(most, 'x').status, 'removed');
  });

  it('entries of one name pair in order, and unnamed ones by their hosts', () => {
    const before = inventory(ENTRY('dup', '', 'one.example.com'), ENTRY('dup', '', 'two.example.com'), '  - hosts: [anon.example.com]\n');
    const after = inventory(ENTRY('dup', '', 'one.example.com'), ENTRY('dup', '', 'two.example.com, three.example.com'), '  - hosts: [anon.example.com]\n    expires: 2027-01-01\n');
    const result = diff(before, after);
    assert.deepEqual(
      result.entries.map((e) => [e.status, e.label, e.changes.map((c) => c.kind)]),
      [
        ['changed', 'dup', ['hosts']],
        ['changed', '#3', ['expires']],
      ],
    );
  });

  it('findings of no entry (here: of defaults) are compared apart from the entries', () => {
    const before = inventory(ENTRY('a'));
    const result = diff(before, before.replace('certificates:', '  warnDays: 0\ncertificates:'));
    assert.deepEqual(result.defaults, [{ kind: 'value', key: 'warnDays', before: undefined, after: '0', inheritedBy: 1 }]);
    assert.deepEqual(result.findings.introduced.map((f) => [f.rule, f.line]), [['cert/invalid-value', 4]]);
    assert.deepEqual(result.entries, []);
  });

  it('a file that is not an inventory on one side: everything added (or removed)', () => {
    const config = configWith();
    const none: InventoryVersion = { model: undefined, findings: [] };
    const added = diffInventories(none, version(inventory(ENTRY('a'), ENTRY('b')), config), { config, now: NOW });
    assert.deepEqual(added.entries.map((e) => [e.status, e.label]), [['added', 'a'], ['added', 'b']]);
    const removed = diffInventories(version(inventory(ENTRY('a')), config), none, { config, now: NOW });
    assert.deepEqual(removed.entries.map((e) => [e.status, e.label]), [['removed', 'a']]);
  });

  it('matches thousands of entries that share one host, each once', () => {
    const many = (prefix: string) => Array.from({ length: 1000 }, (_, i) => ENTRY(`${prefix}${i}`, '', 'shared.example.com')).join('');
    const result = diff(inventory(many('old-')), inventory(many('new-')));
    assert.equal(result.counts.renamed, 1000);
    assert.equal(entry(result, 'new-0').previous?.name, 'old-0');
  });
});

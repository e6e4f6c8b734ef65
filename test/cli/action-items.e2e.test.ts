// End to end: the built dist/cli.js on action items with owners and due dates (`npm run build` first).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { positionOf, runCli, runJson, tempTree, type JsonFinding } from './helpers';

const POSTMORTEM = [
  '# Post-mortem: certificate expiry',
  '',
  '## Action Items',
  '',
  '| Action Item | Owner | Due | Status |',
  '| --- | --- | --- | --- |',
  '| Alert on expiry (OPS-1) | @jane | 2026-10-01 | In progress |',
  '| Rotate keys (OPS-2) |  | 2026-10-15 | Erledigt |',
  '| Page on-call (OPS-4) | Ann | 03/04/2026 | Open |',
  '',
  '- [ ] Move notices to a team list (OPS-3) (due: 2026-12-01)',
  '- [x] Renew by hand (OPS-5) (due: 2026-01-01)',
  '',
].join('\n');

const tree = tempTree({
  'team/.incident-docs.yaml': 'actionItemDoneWords: [done, erledigt]\nrules:\n  pm/action-item-owner: info\n',
  'team/postmortems/2026-09-01-cert.md': POSTMORTEM,
  'plain/postmortems/2026-09-01-cert.md': POSTMORTEM,
});
const TEAM = path.join(tree, 'team/postmortems/2026-09-01-cert.md');
const PLAIN = path.join(tree, 'plain/postmortems/2026-09-01-cert.md');

const ours = (findings: JsonFinding[]) =>
  findings.filter((f) => /^pm\/action-item-(overdue|owner)$/.test(f.rule)).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule}`);
const at = (needle: string, rule: string, severity: string) => {
  const p = positionOf(POSTMORTEM, needle);
  return `${p.line}:${p.column}-${p.line}:${p.column + needle.length} ${severity} ${rule}`;
};

describe('lint: action items with owners and due dates', () => {
  it('--now decides what is overdue; the team config adds a done word and turns the owner rule on', () => {
    const { findings, stderr } = runJson(['--now', '2026-11-27', TEAM], { cwd: tree });
    assert.equal(stderr, '');
    assert.deepEqual(ours(findings), [
      at('2026-10-01', 'pm/action-item-overdue', 'warning'),
      at('Move notices to a team list (OPS-3) (due: 2026-12-01)', 'pm/action-item-owner', 'info'),
    ]);
    const overdue = findings.find((f) => f.rule === 'pm/action-item-overdue');
    assert.equal(overdue?.message, 'Action item was due on 2026-10-01 (57 days ago) and its status is “In progress”: “Alert on expiry (OPS-1)”.');
  });

  it('a later --now makes the list item overdue too', () => {
    const { findings } = runJson(['--now', '2026-12-02T08:00:00Z', TEAM], { cwd: tree });
    assert.deepEqual(
      ours(findings).filter((f) => f.endsWith('overdue')),
      [at('2026-10-01', 'pm/action-item-overdue', 'warning'), at('2026-12-01', 'pm/action-item-overdue', 'warning')],
    );
  });

  it('without the team config: Erledigt is no done word and the owner rule stays off; the ambiguous date is never read', () => {
    const { findings } = runJson(['--now', '2026-11-27', PLAIN], { cwd: tree });
    assert.deepEqual(ours(findings), [at('2026-10-01', 'pm/action-item-overdue', 'warning'), at('2026-10-15', 'pm/action-item-overdue', 'warning')]);
  });

  it('--rule turns the rules off and on; the text format names them', () => {
    assert.deepEqual(ours(runJson(['--now', '2026-11-27', '--rule', 'pm/action-item-overdue=off', PLAIN], { cwd: tree }).findings), []);
    const run = runCli(['lint', '--now', '2026-11-27', '--rule', 'pm/action-item-owner=warning', PLAIN], { cwd: tree });
    const owner = positionOf(POSTMORTEM, 'Move notices');
    assert.match(run.stdout, new RegExp(`2026-09-01-cert\\.md:${owner.line}:${owner.column} +warning +pm/action-item-owner +Action item has no owner`));
    // Warnings alone do not fail the run.
    assert.equal(run.code, 0, run.stdout);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/action-item-owner';
const ON = { rules: { [rule]: 'info' } };

describe(rule, () => {
  it('is off by default', () => {
    assert.deepEqual(byRule(lintPostmortem('## Action Items\n\n- Rotate keys (OPS-1)\n'), rule), []);
  });

  it('reports a list item with no owner on the item, at info', () => {
    const text = '## Action Items\n\n- [ ] Rotate keys (OPS-1)\n- [ ] Add alerting (OPS-2) (owner: @jane)\n- [ ] @bob: page on expiry (OPS-3)\n';
    const findings = byRule(lintPostmortem(text, ON), rule);
    assert.deepEqual(findings.map((f) => [f.range.start.line, f.range.start.character, covered(text, f)]), [[2, 6, 'Rotate keys (OPS-1)']]);
    assert.equal(findings[0].severity, 'info');
    assert.equal(findings[0].message, 'Action item has no owner: “Rotate keys (OPS-1)”. Name who will do it.');
  });

  it('reports an empty or placeholder owner cell on the cell', () => {
    const text = '## Action Items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Rotate keys (OPS-1) | TBD | 2026-12-01 |\n| Add alerting (OPS-2) |  | 2026-12-01 |\n| Page (OPS-3) | Ann | 2026-12-01 |\n';
    const findings = byRule(lintPostmortem(text, ON), rule);
    assert.deepEqual(findings.map((f) => [f.range.start.line, f.range.start.character, covered(text, f)]), [
      [4, 24, 'TBD'],
      [5, 24, '  '],
    ]);
    assert.equal(findings[0].message, 'Action item’s owner is “TBD”: “Rotate keys (OPS-1)”. Name who will do it.');
  });

  it('counts an Owner line before the list and skips done and template items', () => {
    const text = '## Action Items\n\nOwner: @sre\n\n- Rotate keys (OPS-1)\n\nLater:\n\n- [x] Done already (OPS-2)\n- Closed one (OPS-3) (status: closed)\n- {{ what will be done }}\n- Open one (OPS-4)\n';
    assert.deepEqual(byRule(lintPostmortem(text, ON), rule).map((f) => covered(text, f)), ['Open one (OPS-4)']);
  });

  it('reports the items of the seed post-mortem, none of which names an owner', () => {
    const seed = readFileSync(join(__dirname, '../../../fixtures/postmortems/3scale-cert-expiry-postmortem.md'), 'utf8');
    assert.equal(byRule(lintPostmortem(seed, ON), rule).length, 5);
  });

  it('on the corpus: one finding per open item, and none where an item names its owner', { skip: !existsSync(join(__dirname, '../../../fixtures/postmortems')) }, () => {
    // Counted by reading each action section: no real report of the corpus names owners.
    const expected: Record<string, number> = {
      'PostHog__post-mortems__2025-09-29-flags-is-down.md': 7,
      'PostHog__post-mortems__2026-01-17-replay-sdk-fetch-wrapper-incident.md': 6,
      'dfds__postmortems__PM2021-004_ADFS-outage.md': 3,
      'kubernetes__test-infra__docs-post-mortems-2019-03-26.md': 3,
      'jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2017-09-27-hub-403.md': 5,
    };
    for (const [file, count] of Object.entries(expected)) {
      const text = readFileSync(join(__dirname, '../../../fixtures/postmortems', file), 'utf8');
      assert.equal(byRule(lintPostmortem(text, ON), rule).length, count, file);
      const owned = text.replace(/^(\s*(?:[-*]|\d+\.) )(?!\[x\])/gm, '$1@owner ');
      assert.deepEqual(byRule(lintPostmortem(owned, ON), rule), [], `${file} with an @mention on every item`);
    }
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { lint } from '../server/src/core/lint';
import { LineIndex } from '../server/src/core/text';
import { byRule, covered, lintPostmortem, NOW } from './helpers/lint';

/** The shared corpus sits beside the repository (and beside CI's clone); fixtures are always here. */
const CORPUS = join(__dirname, '../../shared/corpus');

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

const candidates = [...files(join(CORPUS, 'postmortems')), ...files(join(CORPUS, 'certs')), ...files(join(__dirname, 'fixtures/postmortems'))].filter((f) =>
  /\.(md|ya?ml|j2)$/.test(f),
);

describe('corpus: every real document', () => {
  for (const file of candidates) {
    it(file.split('/').pop()!, () => {
      const text = readFileSync(file, 'utf8');
      for (const kind of [undefined, 'postmortem'] as const) {
        const first = lint({ path: file, text }, defaultConfig(), { now: NOW, kind });
        const again = lint({ path: file, text }, defaultConfig(), { now: NOW, kind });
        assert.deepEqual(again, first, 'deterministic');
        const lines = new LineIndex(text);
        for (const f of first) {
          assert.notEqual(f.rule, 'doc/internal-error', f.message);
          const start = lines.offsetAt(f.range.start);
          const end = lines.offsetAt(f.range.end);
          assert.ok(start <= end && end <= text.length, `${f.rule} range inside the document`);
          assert.deepEqual(lines.positionAt(start), f.range.start, `${f.rule} start is a real position`);
        }
      }
    });
  }
});

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/postmortems', name), 'utf8');

describe('corpus: spot-checked findings', () => {
  it('Log4Shell: one out-of-order entry, date-only rows', () => {
    const text = fixture('dfds__postmortems__PM2021-011_Log4Shell.md');
    const findings = lintPostmortem(text);
    assert.deepEqual(
      byRule(findings, 'pm/timeline-order').map((f) => covered(text, f)),
      ['2021-12-13   14:30'],
    );
    assert.deepEqual(
      byRule(findings, 'pm/timeline-time').map((f) => covered(text, f)),
      ['2021-12-10', '2021-12-17', '2021-12-18'],
    );
    assert.deepEqual(byRule(findings, 'pm/invalid-time'), []);
    assert.deepEqual(byRule(findings, 'pm/timeline-zone'), [], 'states UTC');
  });
  it('ADSync: the five-digit year in every row is an invalid date', () => {
    const text = fixture('dfds__postmortems__PM2020-003_Postmortem-for-ADSync-migration.md');
    const invalid = byRule(lintPostmortem(text), 'pm/invalid-time');
    assert.equal(invalid.length, 5);
    assert.ok(invalid.every((f) => covered(text, f).startsWith('20202-')));
  });
  it('test-infra 2019-03-26: the 02:50 entry labelled with the day before, the Impact dated a month early, the fix time', () => {
    const text = fixture('kubernetes__test-infra__docs-post-mortems-2019-03-26.md');
    const findings = lintPostmortem(text);
    assert.deepEqual(
      byRule(findings, 'pm/timeline-order').map((f) => covered(text, f)),
      ['03-26 02:50'],
    );
    const impact = byRule(findings, 'pm/impact-timeline');
    assert.deepEqual(
      impact.map((f) => [f.range.start.line + 1, covered(text, f)]),
      [
        [14, '2019-02-26 08:12'],
        [44, '10:04'],
      ],
    );
    // Compared with the entry that says the outage ended, and named: not the 23:04 entry sorted last.
    assert.match(impact[0].message, /27 days .* before the timeline entry that ends the outage \(03-26 08:10\)/);
    assert.match(impact[1].message, /Resolution says 10:04, .* at 03-26 08:10/);
  });
  it('test-infra 2019-05-30: [???] is a placeholder time; the undated midnight crossing is not an error', () => {
    const text = fixture('kubernetes__test-infra__docs-post-mortems-2019-05-30.md');
    const findings = lintPostmortem(text);
    assert.deepEqual(
      byRule(findings, 'pm/timeline-time').map((f) => covered(text, f)),
      ['???'],
    );
    assert.deepEqual(byRule(findings, 'pm/timeline-order'), []);
  });
  it('mybinder 2017-09-27: heading timeline in order with tickets on its action items', () => {
    const text = fixture('jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2017-09-27-hub-403.md');
    const findings = lintPostmortem(text);
    for (const rule of ['pm/timeline-order', 'pm/timeline-time', 'pm/invalid-time', 'pm/action-item-ticket']) {
      assert.deepEqual(byRule(findings, rule), [], rule);
    }
  });
});

/** Front matter through the built CLI: pm/front-matter with the team's schema from .incident-docs.yaml, pm/review-overdue against --now. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, runJson } from './helpers';

describe('lint: front matter', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-front-matter-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'docs'));
  mkdirSync(path.join(dir, 'postmortems'));
  writeFileSync(path.join(dir, 'docs', 'front-matter.schema.json'), JSON.stringify({ required: ['team'], properties: { team: { enum: ['payments', 'platform'] } } }));
  const config = (extra = '') => writeFileSync(path.join(dir, '.incident-docs.yaml'), `frontMatterSchema: docs/front-matter.schema.json\nreviewOverdueDays: {SEV1: 3, SEV2: 5}\n${extra}`);
  config();
  const report = path.join(dir, 'postmortems', 'outage.md');
  writeFileSync(
    report,
    [
      '---', // 1
      'title: Gateway outage', // 2
      'date: 2026-03-02', // 3
      'status: draft', // 4
      'severity: SEV1', // 5
      'team: paymnets', // 6
      'incident:', // 7
      '  resolved: 2026-03-02T16:00:00Z', // 8
      '  mitgated: 2026-03-02T15:00:00Z', // 9
      '---',
      '# Post-mortem: Gateway outage',
      '',
    ].join('\n'),
  );
  const frontMatterFindings = (findings: { rule: string; line: number; column: number; severity: string; message: string }[]) =>
    findings.filter((f) => f.rule === 'pm/front-matter' || f.rule === 'pm/review-overdue').map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`);

  it('the team schema (relative to the config file, run from another folder) and the built-in fields, by line and column; review overdue at --now', () => {
    const { findings, stderr } = runJson(['--now', '2026-03-06T16:00:01Z', report], { cwd: tmpdir() });
    assert.equal(stderr, '');
    assert.deepEqual(frontMatterFindings(findings), [
      '4:9 warning pm/review-overdue Still “draft” 4 days after the incident was resolved; SEV1 post-mortems are due for review within 3 days.',
      '6:7 warning pm/front-matter `team` should be one of “payments”, “platform”, not “paymnets”: did you mean “payments”?',
      '9:3 warning pm/front-matter Unknown key `mitgated` in `incident`: did you mean `mitigated`?',
    ]);
  });

  it('not overdue at an earlier --now', () => {
    const { findings } = runJson(['--now', '2026-03-05T15:59:59Z', report], { cwd: dir });
    assert.deepEqual(frontMatterFindings(findings).filter((f) => f.includes('review-overdue')), []);
  });

  it('text output: the file, line and column of each', () => {
    const run = runCli(['lint', '--now', '2026-03-06T16:00:01Z', report], { cwd: dir });
    assert.match(run.stdout, /outage\.md:6:7\s+warning\s+pm\/front-matter\s+`team` should be one of/);
    assert.match(run.stdout, /outage\.md:4:9\s+warning\s+pm\/review-overdue\s+Still “draft”/);
  });

  it('a schema file that cannot be used is one finding at line 1, and linting goes on', () => {
    config('');
    writeFileSync(path.join(dir, 'docs', 'front-matter.schema.json'), '{"properties": {"team": {"pattern": "(?!x)"}}}');
    const { findings, stderr } = runJson(['--now', '2026-03-06T16:00:01Z', report], { cwd: dir });
    assert.equal(stderr, '');
    const lines = frontMatterFindings(findings);
    assert.match(lines[0], /^1:1 warning pm\/front-matter Front-matter schema not used: ".*front-matter\.schema\.json": pattern "\(\?!x\)": it uses a look-ahead/);
    assert.ok(lines.some((l) => l.startsWith('9:3 ')), 'the built-in fields are still checked');
  });

  it('the rules are listed with their docs', () => {
    const run = runCli(['rules']);
    assert.match(run.stdout, /pm\/front-matter/);
    assert.match(run.stdout, /pm\/review-overdue/);
  });
});

/**
 * The lint in steps (core/lint.ts lintSteps), driven a step at a time as the server's step runner
 * drives it: a rule over every row, item or entry of a large document yields inside its own loop
 * (the server answers requests between its steps), and a lint stopped inside a rule reports the
 * rules that ran to their end, none of the one it stopped in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, lint, lintSteps, type LintProgress } from '../../server/src/core/lint';
import { ITEMS_PER_STEP } from '../../server/src/core/steps';
import type { Finding, SourceDocument } from '../../server/src/core/types';
import { config, NOW } from '../helpers/lint';

/** A post-mortem whose timeline is a pipe table of `rows` rows, one of them an impossible time. */
function tableTimeline(rows: number): string {
  const row = (i: number) => `| 2026-03-02 ${i === 7 ? '25:10' : `${String(10 + Math.floor(i / 60) % 12).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`} | check ${i} ok |`;
  const body = Array.from({ length: rows }, (_, i) => row(i)).join('\n');
  return `# Post-mortem: a long table\n\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n${body}\n\n## Action Items\n\n- TODO fix it\n`;
}

/** An inventory of `entries` entries, every tenth one listing a host an earlier one lists. */
function inventory(entries: number): string {
  const entry = (i: number) => `  - name: svc-${i}\n    hosts: [${i % 10 === 9 ? `svc-${i - 1}` : `svc-${i}`}.example.com]\n    expires: 2027-01-01\n    owner: team@example.com\n    notify: [team@example.com]\n    renewal: { method: acme }\n`;
  return `certificates:\n${Array.from({ length: entries }, (_, i) => entry(i)).join('')}`;
}

/** Lints `document` a step at a time: how many steps each rule took, and the findings. */
function stepsByRule(document: SourceDocument): { steps: Map<string, number>; findings: Finding[] } {
  const progress: { current?: LintProgress; rule?: string } = {};
  const run = lintSteps(analyze(document, config()), { now: NOW }, undefined, progress);
  const steps = new Map<string, number>();
  for (;;) {
    const next = run.next();
    if (progress.rule) steps.set(progress.rule, (steps.get(progress.rule) ?? 0) + 1);
    if (next.done) return { steps, findings: next.value.findings };
  }
}

describe('lintSteps', () => {
  it('a rule over every row of a long table yields inside its loop, and finds what the whole lint finds', () => {
    const document = { path: 'postmortems/long.md', text: tableTimeline(3_000) };
    const { steps, findings } = stepsByRule(document);
    // 3,000 rows at ITEMS_PER_STEP a step: a dozen steps, not one.
    const least = Math.floor(3_000 / ITEMS_PER_STEP);
    for (const rule of ['pm/template-text', 'pm/invalid-time', 'pm/timeline-time', 'pm/timeline-order', 'pm/metrics-mismatch']) {
      assert.ok((steps.get(rule) ?? 0) >= least, `${rule} took ${steps.get(rule)} steps, fewer than ${least}`);
    }
    // A rule that reads one heading stays one step.
    assert.equal(steps.get('pm/section-order'), 1);
    assert.deepEqual(findings, lint(document, config(), { now: NOW }));
    assert.ok(findings.some((f) => f.rule === 'pm/invalid-time') && findings.some((f) => f.rule === 'pm/template-text'));
  });

  it('a rule over every entry of an inventory yields inside its loop', () => {
    const document = { path: 'cert-inventory.yaml', text: inventory(2_000) };
    const { steps, findings } = stepsByRule(document);
    const least = Math.floor(2_000 / ITEMS_PER_STEP);
    for (const rule of ['cert/duplicate', 'cert/expired', 'cert/invalid-value', 'cert/missing-field', 'cert/unknown-key', 'cert/personal-email']) {
      assert.ok((steps.get(rule) ?? 0) >= least, `${rule} took ${steps.get(rule)} steps, fewer than ${least}`);
    }
    assert.equal(findings.filter((f) => f.rule === 'cert/duplicate').length, 200);
    assert.deepEqual(findings, lint(document, config(), { now: NOW }));
  });

  it('stopped inside a rule, the findings so far are those of the rules that ran to their end', () => {
    const document = { path: 'postmortems/long.md', text: tableTimeline(3_000) };
    const all = lint(document, config(), { now: NOW });
    const progress: { current?: LintProgress; rule?: string } = {};
    const run = lintSteps(analyze(document, config()), { now: NOW }, undefined, progress);
    const finished: string[] = [];
    let inside = 0;
    // Into pm/invalid-time (after pm/template-text, which found the TODO), a few steps deep.
    while (inside < 3) {
      const before = progress.rule;
      assert.equal(run.next().done, false);
      if (before && before !== progress.rule) finished.push(before);
      if (progress.rule === 'pm/invalid-time') inside++;
    }
    run.return(undefined as never);
    assert.ok(finished.includes('pm/template-text'));
    const soFar = progress.current!.findingsSoFar();
    assert.deepEqual(soFar, all.filter((f) => finished.includes(f.rule)));
    assert.ok(!soFar.some((f) => f.rule === 'pm/invalid-time'), 'none of the rule it stopped in');
  });
});

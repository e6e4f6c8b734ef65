/** pm/metrics-mismatch and the metrics settings through the built CLI, on dfds's KIAM post-mortem. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli, runJson, tempTree } from './helpers';

const KIAM_FILE = path.join(REPO_ROOT, 'test/fixtures/postmortems/dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md');
const KIAM = readFileSync(KIAM_FILE, 'utf8');
const NOW = ['--now', '2026-11-27T12:00:00Z'];
/** KIAM with its first alert (16:02, from an affected service) tagged as the detection: 26 minutes, where the authors state 54. */
const TAGGED = KIAM.replace('| First alert indicating', '| [detected] First alert indicating').replace('| New certificates', '| [resolved] New certificates');

describe('lint: incident metrics', () => {
  it('KIAM as published: no pm/metrics-mismatch', () => {
    const { findings } = runJson([...NOW, KIAM_FILE]);
    assert.deepEqual(findings.filter((f) => f.rule === 'pm/metrics-mismatch'), []);
  });

  it('a stated duration the tagged entry contradicts, by line and column, in every format', () => {
    const root = tempTree({ '.git/HEAD': '', 'postmortems/kiam.md': TAGGED });
    const file = path.join(root, 'postmortems', 'kiam.md');
    const { code, findings } = runJson([...NOW, file], { cwd: root });
    const mine = findings.filter((f) => f.rule === 'pm/metrics-mismatch');
    assert.deepEqual(
      mine.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.message}`),
      ['41:22-41:32 warning “Time to detection: 54 minutes” says 54 min, but the entry at 2020-01-21 16:02 tagged [detected] is 26 min after the start (the first timeline entry at 2020-01-21 15:36): 28 min apart.'],
    );
    assert.equal(code, 0, 'a warning does not fail the run');
    const text = runCli(['lint', ...NOW, 'postmortems/kiam.md'], { cwd: root });
    assert.match(text.stdout, /^postmortems\/kiam\.md:41:22 +warning +pm\/metrics-mismatch +“Time to detection: 54 minutes” says 54 min/m);
    assert.equal(runCli(['lint', ...NOW, '--max-warnings', '0', 'postmortems/kiam.md'], { cwd: root }).code, 1);
    assert.deepEqual(runJson([...NOW, '--rule', 'pm/metrics-mismatch=off', file], { cwd: root }).findings.filter((f) => f.rule === 'pm/metrics-mismatch'), []);
  });

  it('.incident-docs.yaml sets the tolerance and the tag words', () => {
    const paged = TAGGED.replace('[detected] First alert indicating', '[paged] First alert indicating');
    const root = tempTree({
      '.git/HEAD': '',
      '.incident-docs.yaml': 'metricsToleranceMinutes: 30\n',
      'postmortems/kiam.md': TAGGED,
      'other/.incident-docs.yaml': 'metricTags:\n  detected: [paged]\n',
      'other/kiam.md': paged,
    });
    const tolerant = runJson([...NOW, '--kind', 'postmortem', path.join(root, 'postmortems', 'kiam.md')], { cwd: root });
    assert.deepEqual(tolerant.findings.filter((f) => f.rule === 'pm/metrics-mismatch'), [], '28 minutes is within 30');
    const retagged = runJson([...NOW, '--kind', 'postmortem', path.join(root, 'other', 'kiam.md')], { cwd: root });
    assert.deepEqual(retagged.findings.filter((f) => f.rule === 'pm/metrics-mismatch').map((f) => `${f.line}:${f.column}`), ['41:22']);
  });

  it('a bad metricTags value is said on stderr and the defaults kept', () => {
    const root = tempTree({ '.git/HEAD': '', '.incident-docs.yaml': 'metricTags:\n  ended: [x]\n', 'postmortems/kiam.md': TAGGED });
    const { findings, stderr } = runJson([...NOW, path.join(root, 'postmortems', 'kiam.md')], { cwd: root });
    assert.match(stderr, /"metricTags": unknown key "ended"; use started, detected, acknowledged, mitigated, resolved/);
    assert.deepEqual(findings.filter((f) => f.rule === 'pm/metrics-mismatch').map((f) => `${f.line}:${f.column}`), ['41:22']);
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { allRules, ruleDocsUrl } from '../../server/src/core/ruleReference';
import { runCli, runJson, tempTree, fixture, positionOf, REPO_ROOT, type JsonFinding } from './helpers';

// The SARIF 2.1.0 schema as the SARIF SDK ships it (Microsoft's jest-sarif package, rtm.5: the
// schema of the OASIS 2.1.0 standard). It is draft-04, hence ajv-draft-04.
const requireFromHere = createRequire(__filename);
const schemaPath = path.join(path.dirname(requireFromHere.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
// unicodeRegExp off: the schema's `language` pattern has a stray `]`, legal only outside /u mode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValidSarif(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

function sarif(args: string[], options: { cwd?: string } = {}): { code: number | null; log: Sarif.Log; stderr: string } {
  const run = runCli(['lint', '--format', 'sarif', ...args], options);
  assert.equal(run.stderr.includes('    at '), false, run.stderr);
  return { code: run.code, log: JSON.parse(run.stdout) as Sarif.Log, stderr: run.stderr };
}

const NOW = ['--now', '2026-11-27T12:00:00Z'];
const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The examples show every rule; findings of every severity, in Markdown and YAML. */
const EXAMPLES = ['examples', ...NOW];

describe('lint --format sarif', () => {
  it('the schema check can fail: a broken log is rejected', () => {
    const { log } = sarif(EXAMPLES);
    const broken = structuredClone(log);
    broken.runs[0].results![0].level = 'info' as Sarif.Result.level;
    broken.runs[0].results![1].locations![0].physicalLocation!.region!.startLine = 0;
    assert.equal(validate(broken), false);
    assert.ok((validate.errors ?? []).length >= 2);
  });

  it('validates against the SARIF 2.1.0 schema and holds the same findings as --format json', () => {
    const { code, log } = sarif(EXAMPLES);
    const json = runJson(EXAMPLES);
    assert.equal(code, json.code);
    assertValidSarif(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const results = run.results ?? [];
    assert.ok(json.findings.length > 10, 'the examples should produce many findings');
    assert.equal(results.length, json.findings.length);
    const severities = new Set(json.findings.map((f) => f.severity));
    assert.ok(severities.has('error') && severities.has('warning') && severities.has('info'), [...severities].join());
    json.findings.forEach((f: JsonFinding, i) => {
      const r = results[i];
      const location = r.locations?.[0]?.physicalLocation;
      assert.equal(r.ruleId, f.rule);
      assert.equal(r.level, LEVEL[f.severity]);
      assert.equal(r.message.text, f.message);
      assert.equal(location?.artifactLocation?.uri, f.file);
      assert.equal(location?.artifactLocation?.uriBaseId, '%SRCROOT%');
      assert.deepEqual(location?.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
  });

  it('describes every rule with its help link and default level, and each result points at its rule', () => {
    const { log } = sarif(EXAMPLES);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'incident-docs');
    const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver.version, packageJson.version);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const rules = driver.rules ?? [];
    for (const rule of allRules()) {
      const descriptor = rules.find((d) => d.id === rule.id);
      assert.ok(descriptor, `${rule.id} missing from tool.driver.rules`);
      assert.equal(descriptor.helpUri, ruleDocsUrl(rule.id));
      assert.equal(descriptor.defaultConfiguration?.level, LEVEL[rule.defaultSeverity]);
      assert.ok(descriptor.shortDescription?.text.trim(), `${rule.id} has no short description`);
      assert.doesNotMatch(descriptor.shortDescription?.text ?? '', /`/);
    }
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
    for (const result of log.runs[0].results ?? []) {
      assert.equal(rules[result.ruleIndex!]?.id, result.ruleId);
    }
  });

  it('prints an empty result list (not a missing one) when nothing is found, so code scanning closes old alerts', () => {
    const dir = tempTree({ 'postmortems/clean.md': fixture('clean-postmortem.md') });
    const { code, log } = sarif(['.', ...NOW], { cwd: dir });
    assert.equal(code, 0);
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, []);
  });

  it('counts columns in UTF-16 code units and percent-encodes odd file names', () => {
    const text = fixture('broken-postmortem.md').replace('- 16:04pm', '- 🔥🔥 16:04pm');
    const name = 'postmortems/a b#1%.md';
    const dir = tempTree({ [name]: text });
    const { log } = sarif(['.', ...NOW], { cwd: dir });
    assertValidSarif(log);
    const result = (log.runs[0].results ?? []).find((r) => r.ruleId === 'pm/invalid-time');
    assert.ok(result, 'pm/invalid-time reported');
    const location = result.locations![0].physicalLocation!;
    const expected = positionOf(text, '16:04pm');
    assert.equal(location.region?.startLine, expected.line);
    // Each emoji is two UTF-16 code units: the column counts them so.
    assert.equal(location.region?.startColumn, expected.column);
    assert.equal(location.region?.endColumn, expected.column + '16:04pm'.length);
    assert.equal(location.artifactLocation?.uri, 'postmortems/a%20b%231%25.md');
    assert.equal(decodeURIComponent(location.artifactLocation!.uri!), name);
  });

  it('lists doc/too-large with a rule of its own', () => {
    const dir = tempTree({
      'postmortems/big.md': fixture('broken-postmortem.md'),
      '.incident-docs.yaml': 'maxFileSizeBytes: 10\n',
    });
    const { log } = sarif(['.', ...NOW], { cwd: dir });
    assertValidSarif(log);
    const [result] = log.runs[0].results ?? [];
    assert.equal(result?.ruleId, 'doc/too-large');
    assert.equal(log.runs[0].tool.driver.rules?.[result.ruleIndex!]?.id, 'doc/too-large');
  });

  it('--quiet keeps only error results; --rule changes a level; --max-warnings sets the exit code', () => {
    const quiet = sarif([...EXAMPLES, '--quiet']);
    assertValidSarif(quiet.log);
    const levels = new Set((quiet.log.runs[0].results ?? []).map((r) => r.level));
    assert.deepEqual([...levels], ['error']);

    const all = runJson(EXAMPLES).findings;
    const someWarningRule = all.find((f) => f.severity === 'warning')!.rule;
    const raised = sarif([...EXAMPLES, '--rule', `${someWarningRule}=error`]);
    const raisedResults = (raised.log.runs[0].results ?? []).filter((r) => r.ruleId === someWarningRule);
    assert.ok(raisedResults.length > 0);
    assert.ok(raisedResults.every((r) => r.level === 'error'));
    const off = sarif([...EXAMPLES, '--rule', `${someWarningRule}=off`]);
    assert.equal((off.log.runs[0].results ?? []).filter((r) => r.ruleId === someWarningRule).length, 0);

    // Only warnings left (errors off): the budget decides the exit code, the output stays SARIF.
    const errorRules = [...new Set(all.filter((f) => f.severity === 'error').map((f) => f.rule))];
    const noErrors = errorRules.flatMap((r) => ['--rule', `${r}=off`]);
    const warnings = all.filter((f) => f.severity === 'warning' && !errorRules.includes(f.rule)).length;
    assert.ok(warnings > 0);
    const within = sarif([...EXAMPLES, ...noErrors, '--max-warnings', String(warnings)]);
    assert.equal(within.code, 0);
    const over = sarif([...EXAMPLES, ...noErrors, '--max-warnings', String(warnings - 1)]);
    assert.equal(over.code, 1);
    assertValidSarif(over.log);
    assert.match(over.stderr, /more than --max-warnings/);
  });
});

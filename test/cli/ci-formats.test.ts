// `lint --format gitlab` and `--format junit` through the built CLI, checked against GitLab's
// field list and a published JUnit XSD (xmllint), both in fixtures/ci-formats (no network).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { FIXTURES, REPO_ROOT, runCli, runJson, SEED, tempTree } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
const XSD = path.join(FIXTURES, 'ci-formats', 'junit-10.xsd');
const EXAMPLE_PM = fs.readFileSync(path.join(REPO_ROOT, 'examples/postmortems/2026-03-02-api-gateway-cert-expiry.md'), 'utf8');
const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-postmortem.md'), 'utf8');

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

function xmllint(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint is missing (Debian package libxml2-utils; scripts/test-setup.sh installs it): ${run.error.message}`);
  return run;
}

/** A string as an XPath 1.0 literal, which has no escapes: pieces between double quotes, concatenated. */
function xpathLiteral(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  return `concat(${value.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

describe('--format junit', () => {
  // A clean post-mortem, the examples, the seed, and a file whose name XML must escape.
  const root = tempTree({ 'clean/postmortem.md': CLEAN, 'postmortems/a&b<c>"d\'.md': EXAMPLE_PM });
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  fs.copyFileSync(SEED, path.join(root, 'seed-postmortem.md'));
  const run = runCli(['lint', '--format', 'junit', ...NOW, '.'], { cwd: root });
  const report = path.join(root, 'report.xml');
  fs.writeFileSync(report, run.stdout);
  const { findings } = runJson([...NOW, '.'], { cwd: root });
  const xpath = (expression: string) => xmllint(['--xpath', expression, report]).stdout.trim();

  it('is valid against the JUnit XSD (xmllint --schema)', () => {
    assert.equal(run.code, 1, run.stderr);
    const valid = xmllint(['--noout', '--schema', XSD, report]);
    assert.equal(valid.status, 0, valid.stderr);
    assert.match(valid.stderr, /validates/);
  });

  it('the XSD does refuse what it should: a test case without a name', () => {
    const broken = path.join(root, 'broken.xml');
    fs.writeFileSync(broken, run.stdout.replace(/<testcase classname="incident-docs" name="[^"]*"/, '<testcase classname="incident-docs"'));
    try {
      assert.notEqual(xmllint(['--noout', '--schema', XSD, broken]).status, 0);
    } finally {
      fs.rmSync(broken);
    }
  });

  it('has one test case per checked file and one failure per finding, counted in the suite', () => {
    const files = new Set(findings.map((f) => f.file));
    const checked = Number(xpath('count(//testcase)'));
    assert.ok(checked > files.size, 'a file without findings is a passing test case too');
    assert.equal(Number(xpath('count(//failure)')), findings.length);
    assert.equal(Number(xpath('string(/testsuites/testsuite/@tests)')), checked);
    assert.equal(Number(xpath('string(/testsuites/testsuite/@failures)')), files.size);
    assert.equal(xpath('count(//testcase[@name="clean/postmortem.md"]/failure)'), '0');
    for (const file of files) {
      const expected = findings.filter((f) => f.file === file).length;
      assert.equal(Number(xpath(`count(//testcase[@name=${xpathLiteral(file)}]/failure)`)), expected, file);
    }
  });

  it('escapes what XML must: a file name with & < > " \' reads back as itself', () => {
    assert.equal(xpath(`count(//testcase[@name=${xpathLiteral('postmortems/a&b<c>"d\'.md')}])`), '1');
  });
});

describe('--format gitlab', () => {
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ci-formats', 'gitlab-code-quality.schema.json'), 'utf8')));
  const inventory = (expires: string) =>
    `certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: platform-team@example.com\n    notify: [sre@example.com]\n    renewal: { method: acme }\n    expires: ${expires}\n  - name: web\n    hosts: [web.example.com]\n    owner: platform-team@example.com\n    notify: [sre@example.com]\n    renewal: { method: acme }\n    expires: ${expires}\n`;
  const gitlab = (cwd: string, now = NOW) => {
    const run = runCli(['lint', '--format', 'gitlab', ...now, '.'], { cwd });
    return { ...run, issues: JSON.parse(run.stdout) as Issue[] };
  };

  it('has GitLab\'s fields, severities mapped, one issue per finding, fingerprints unique', () => {
    const root = tempTree({ 'postmortems/a.md': EXAMPLE_PM, 'cert-inventory.yaml': inventory('2026-12-05') });
    fs.copyFileSync(SEED, path.join(root, 'seed-postmortem.md'));
    const { issues, code, stderr } = gitlab(root);
    assert.equal(code, 1, stderr);
    assert.ok(validate(issues), JSON.stringify(validate.errors));
    const { findings } = runJson([...NOW, '.'], { cwd: root });
    assert.equal(issues.length, findings.length);
    const map = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' } as const;
    findings.forEach((f, i) => {
      assert.deepEqual(
        { check: issues[i].check_name, severity: issues[i].severity, path: issues[i].location.path, lines: issues[i].location.lines },
        { check: f.rule, severity: map[f.severity as keyof typeof map], path: f.file, lines: { begin: f.line, end: f.endLine } },
      );
      assert.ok(issues[i].description.startsWith(f.message));
    });
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  });

  it('keeps fingerprints across runs on other days and when unrelated lines move the findings', () => {
    const root = tempTree({ 'postmortems/a.md': EXAMPLE_PM, 'cert-inventory.yaml': inventory('2026-12-05') });
    const first = gitlab(root);
    const nextDay = gitlab(root, ['--now', '2026-11-28T12:00:00Z']);
    assert.ok(first.issues.some((i) => i.check_name === 'cert/expiring'));
    assert.notDeepEqual(first.issues.map((i) => i.description), nextDay.issues.map((i) => i.description), 'days left changed');
    assert.deepEqual(nextDay.issues.map((i) => i.fingerprint), first.issues.map((i) => i.fingerprint));

    const shifted = EXAMPLE_PM.replace('\n## ', '\nAn unrelated paragraph,\nover two lines.\n\n## ');
    fs.writeFileSync(path.join(root, 'postmortems/a.md'), shifted);
    fs.writeFileSync(path.join(root, 'cert-inventory.yaml'), `# A comment\n# and another\n${inventory('2026-12-05')}`);
    const moved = gitlab(root);
    assert.notDeepEqual(moved.issues.map((i) => i.location.lines.begin), first.issues.map((i) => i.location.lines.begin));
    assert.deepEqual(moved.issues.map((i) => i.fingerprint).sort(), first.issues.map((i) => i.fingerprint).sort());
  });

  it('tells apart two findings alike in one file (the same rule on two entries), and a changed value', () => {
    const root = tempTree({ 'cert-inventory.yaml': inventory('2026-12-05') });
    const expiring = gitlab(root).issues.filter((i) => i.check_name === 'cert/expiring');
    assert.equal(expiring.length, 2);
    assert.notEqual(expiring[0].fingerprint, expiring[1].fingerprint);
    fs.writeFileSync(path.join(root, 'cert-inventory.yaml'), inventory('2026-12-06'));
    const changed = gitlab(root).issues.filter((i) => i.check_name === 'cert/expiring');
    assert.notEqual(changed[0].fingerprint, expiring[0].fingerprint, 'another expiry date is another finding');
  });

  it('prints [] when there is nothing to report', () => {
    const root = tempTree({ 'clean/postmortem.md': CLEAN });
    const run = gitlab(root);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.issues, []);
  });
});

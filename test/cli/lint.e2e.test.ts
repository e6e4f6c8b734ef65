// End to end: the built dist/cli.js on fixtures and temporary folders (`npm run build` first).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, FIXTURES, positionOf, runCli, runJson, SEED, tempTree, type JsonFinding } from './helpers';

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const NOW = ['--now', '2026-11-27T12:00:00Z'];
const broken = fixture('broken-postmortem.md');
const clean = fixture('clean-postmortem.md');
const notes = '# Meeting notes\n\nNothing about incidents here.\n';

const summarize = (findings: JsonFinding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`);
const rulesOf = (findings: JsonFinding[]) => new Set(findings.map((f) => f.rule));

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at .+:\d+:\d+\)?$/m, `stack trace on stderr:\n${stderr}`);
}

describe('lint on the seed post-mortem', () => {
  const seedText = fs.readFileSync(SEED, 'utf8');
  const { code, findings, stderr } = runJson([...NOW, SEED]);

  it('exits with 1 and reports the impossible "16:04pm" as pm/invalid-time, with 1-based positions', () => {
    assert.equal(code, 1, stderr);
    const invalid = findings.filter((f) => f.rule === 'pm/invalid-time');
    assert.ok(invalid.length >= 1);
    const expected = positionOf(seedText, '16:04pm');
    const atToken = invalid.find((f) => f.line === expected.line && f.column === expected.column);
    assert.ok(atToken, `no pm/invalid-time at ${expected.line}:${expected.column}: ${summarize(invalid).join('; ')}`);
    assert.equal(atToken.severity, 'error');
    assert.equal(atToken.endLine, expected.line);
    assert.equal(atToken.endColumn, expected.column + '16:04pm'.length);
  });

  it('prints findings with exactly the interface keys, positions 1-based and ordered', () => {
    assert.ok(findings.length > 1);
    const lineCount = seedText.split('\n').length;
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
      assert.equal(f.file, path.relative(process.cwd(), SEED).split(path.sep).join('/'));
      assert.ok(Number.isInteger(f.line) && f.line >= 1 && f.line <= lineCount, `line ${f.line}`);
      assert.ok(Number.isInteger(f.column) && f.column >= 1, `column ${f.column}`);
      assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), JSON.stringify(f));
      assert.ok(SEVERITIES.includes(f.severity));
      assert.match(f.rule, /^[a-z]+\/[a-z-]+$/);
      assert.ok(f.message.length > 0);
    }
  });
});

describe('text format', () => {
  const file = path.join(FIXTURES, 'broken-postmortem.md');
  const text = runCli(['lint', ...NOW, file]);
  const { findings } = runJson([...NOW, file]);

  it('prints one line per finding, file:line:col severity rule message, and a matching summary', () => {
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split('\n');
    const summary = lines.pop()!;
    const findingLines = lines.filter((l) => l !== '');
    assert.equal(findingLines.length, findings.length);
    findingLines.forEach((line, i) => {
      const f = findings[i];
      assert.match(line, /^\S+:\d+:\d+ +(error|warning|info|hint) +\S+ +\S/);
      const [where, severity, rule] = line.split(/ +/);
      assert.equal(where, `${f.file}:${f.line}:${f.column}`);
      assert.equal(severity, f.severity);
      assert.equal(rule, f.rule);
      assert.ok(line.endsWith(f.message));
    });
    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    assert.ok(summary.startsWith(`${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning`), summary);
    assert.ok(summary.endsWith('in 1 file (1 checked)'), summary);
  });

  it('has no colours when stdout is not a terminal', () => {
    assert.doesNotMatch(text.stdout, /\u001b\[/);
  });

  it('says "No problems" and exits with 0 for a clean post-mortem', () => {
    const run = runCli(['lint', ...NOW, path.join(FIXTURES, 'clean-postmortem.md')]);
    assert.equal(run.stdout, 'No problems in 1 file.\n');
    assert.equal(run.code, 0);
    const json = runJson([...NOW, path.join(FIXTURES, 'clean-postmortem.md')]);
    assert.deepEqual(json.findings, []);
    assert.equal(json.code, 0);
  });
});

describe('exit code 2: usage and I/O errors', () => {
  const root = tempTree({ 'incidents/a.md': broken });
  const cases: [string, string[], RegExp][] = [
    ['a missing path', ['lint', 'incidents/missing.md'], /missing\.md: no such file/],
    ['a glob matching nothing', ['lint', 'nowhere/**/*.md'], /no Markdown or YAML file matches/],
    ['a bad --now', ['lint', '--now', '2019-02-30', 'incidents'], /--now/],
    ['an unknown --format', ['lint', '--format', 'xml', 'incidents'], /Allowed choices are text, json/],
    ['an unknown --kind', ['lint', '--kind', 'novel', 'incidents'], /Allowed choices/],
    ['a misspelt --rule', ['lint', '--rule', 'pm/invalid-tme=off', 'incidents'], /unknown rule "pm\/invalid-tme" \(did you mean pm\/invalid-time\?\)/],
    ['a bad --rule level', ['lint', '--rule', 'pm/invalid-time=loud', 'incidents'], /off, hint, info, warning or error/],
    ['a bad --max-warnings', ['lint', '--max-warnings', 'many', 'incidents'], /--max-warnings/],
    ['a missing --config file', ['lint', '--config', 'nope.yaml', 'incidents'], /--config nope\.yaml: no such file/],
    ['no paths', ['lint'], /missing required argument/],
    ['no command', [], /Usage: incident-docs/],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ];
  for (const [what, args, message] of cases) {
    it(`for ${what}`, () => {
      const run = runCli(args, { cwd: root });
      assert.equal(run.code, 2, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
      assertNoStackTrace(run.stderr);
    });
  }

  it('for an unreadable file, after linting the others', { skip: process.getuid?.() === 0 && 'root reads everything' }, () => {
    const dir = tempTree({ 'a.md': broken, 'b.md': broken });
    fs.chmodSync(path.join(dir, 'b.md'), 0o000);
    const run = runCli(['lint', '--format', 'json', ...NOW, '.'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /b\.md: cannot read/);
    assert.deepEqual([...new Set((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file))], ['a.md']);
  });

  it('for a path that cannot be read (a symbolic link loop)', () => {
    const dir = tempTree({ 'a.md': broken });
    fs.symlinkSync('loop.md', path.join(dir, 'loop.md'));
    const run = runCli(['lint', 'a.md', 'loop.md'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /loop\.md: cannot read \(ELOOP\)/);
    assertNoStackTrace(run.stderr);
  });

  it('but 0 for --help and --version', () => {
    const help = runCli(['lint', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--max-warnings/);
    const version = runCli(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });
});

describe('paths', () => {
  const root = tempTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'drafts/\n',
    'incidents/2024/a.md': broken,
    'incidents/2025/b.markdown': broken,
    'incidents/2025/notes.txt': broken,
    'drafts/c.md': broken,
    'team/d-postmortem.md': broken,
  });
  const filesOf = (findings: JsonFinding[]) => [...new Set(findings.map((f) => f.file))].sort();

  it('walks folders for Markdown and YAML, honouring .gitignore', () => {
    const { findings } = runJson([...NOW, '.'], { cwd: root });
    assert.deepEqual(filesOf(findings), ['incidents/2024/a.md', 'incidents/2025/b.markdown', 'team/d-postmortem.md']);
  });

  it('expands globs', () => {
    const { findings } = runJson([...NOW, 'incidents/**/*.md', 'team/*'], { cwd: root });
    assert.deepEqual(filesOf(findings), ['incidents/2024/a.md', 'team/d-postmortem.md']);
  });

  it('reads files named explicitly even when ignored or not Markdown, once each', () => {
    const { findings } = runJson([...NOW, '--kind', 'postmortem', 'drafts/c.md', 'incidents/2025/notes.txt', './drafts/c.md'], { cwd: root });
    assert.deepEqual(filesOf(findings), ['drafts/c.md', 'incidents/2025/notes.txt']);
    const once = findings.filter((f) => f.file === 'drafts/c.md' && f.rule === 'pm/invalid-time');
    assert.equal(once.length, 1);
  });

  it('reads YAML found by walking, and hands it to the core like Markdown', () => {
    const dir = tempTree({ 'certs/cert-inventory.yml': 'certificates:\n  - name: api\n', 'certs/values.yaml': 'replicas: 2\n' });
    const { findings } = runJson([...NOW, '.'], { cwd: dir });
    assert.deepEqual(filesOf(findings), ['certs/cert-inventory.yml']);
    assert.ok(findings.every((f) => f.rule.startsWith('cert/')));
    const run = runCli(['lint', ...NOW, '.'], { cwd: dir });
    assert.match(run.stdout, /in 1 file \(2 checked\)\n$/);
  });

  it('shows paths relative to the working directory', () => {
    const { findings } = runJson([...NOW, '../incidents/2024'], { cwd: path.join(root, 'team') });
    assert.deepEqual(filesOf(findings), ['../incidents/2024/a.md']);
  });

  it('counts checked files in the summary, with or without findings', () => {
    const dir = tempTree({ 'pm/a-postmortem.md': broken, 'pm/b-postmortem.md': clean, 'pm/c.md': notes });
    const run = runCli(['lint', ...NOW, '.'], { cwd: dir });
    assert.match(run.stdout.trimEnd().split('\n').pop()!, / in 1 file \(3 checked\)$/);
  });
});

describe('configuration', () => {
  it('uses the nearest .incident-docs.yaml at or above each file', () => {
    const root = tempTree({
      '.incident-docs.yaml': 'rules:\n  pm/invalid-time: warning\n',
      'relaxed/.incident-docs.yaml': 'rules:\n  pm/invalid-time: off\n',
      'a/x-postmortem.md': broken,
      'relaxed/deep/y-postmortem.md': broken,
    });
    const { findings, code } = runJson([...NOW, '.'], { cwd: root });
    const invalid = findings.filter((f) => f.rule === 'pm/invalid-time');
    assert.deepEqual(invalid.map((f) => [f.file, f.severity]), [['a/x-postmortem.md', 'warning']]);
    assert.equal(code, findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  it('uses --config for every file, ignoring nearer files', () => {
    const root = tempTree({
      'ci.yaml': 'rules:\n  pm/invalid-time: info\n',
      'incidents/.incident-docs.yaml': 'rules:\n  pm/invalid-time: off\n',
      'incidents/x.md': broken,
    });
    const { findings } = runJson([...NOW, '--config', 'ci.yaml', 'incidents'], { cwd: root });
    assert.deepEqual(findings.filter((f) => f.rule === 'pm/invalid-time').map((f) => f.severity), ['info']);
  });

  it('applies --rule over the config file, and exits by the resulting severities', () => {
    const root = tempTree({ '.incident-docs.yaml': 'rules:\n  pm/invalid-time: error\n', 'incidents/x.md': broken });
    const base = runJson([...NOW, 'incidents'], { cwd: root });
    assert.equal(base.code, 1);
    const off = runJson([...NOW, '--rule', 'pm/invalid-time=off', 'incidents'], { cwd: root });
    assert.ok(!rulesOf(off.findings).has('pm/invalid-time'));
    assert.equal(off.code, off.findings.some((f) => f.severity === 'error') ? 1 : 0);
    const repeated = runJson([...NOW, '--rule', 'pm/invalid-time=off', '--rule', 'pm/invalid-time=hint', 'incidents'], { cwd: root });
    assert.deepEqual(repeated.findings.filter((f) => f.rule === 'pm/invalid-time').map((f) => f.severity), ['hint']);
  });

  it('a malformed config file: its files are not checked (exit 2, the reason on stderr), the others are', () => {
    const root = tempTree({ 'team/.incident-docs.yaml': 'noSuchSetting: 1\nrules: [oops\n', 'team/incidents/x.md': broken, 'incidents/x.md': broken });
    const bad = runJson([...NOW, '.'], { cwd: root });
    assert.match(bad.stderr, /team\/incidents\/x\.md: not checked: team\/\.incident-docs\.yaml: not valid YAML/);
    assert.equal(bad.code, 2);
    assert.deepEqual([...new Set(bad.findings.map((f) => f.file))], ['incidents/x.md']);
    assertNoStackTrace(bad.stderr);
  });

  it('reports config problems that leave the file usable on stderr as warnings and still lints', () => {
    const root = tempTree({ '.incident-docs.yaml': 'noSuchSetting: 1\n', 'incidents/x.md': broken });
    fs.writeFileSync(path.join(root, '.incident-docs.yaml'), 'noSuchSetting: 1\n');
    const unknown = runJson([...NOW, 'incidents'], { cwd: root });
    assert.match(unknown.stderr, /warning: \.incident-docs\.yaml: unknown setting "noSuchSetting"/);
    assertNoStackTrace(unknown.stderr);
  });
});

describe('--kind', () => {
  it('forces Markdown that is no post-mortem to be checked as one', () => {
    const root = tempTree({ 'notes.md': notes });
    const detected = runJson([...NOW, 'notes.md'], { cwd: root });
    assert.deepEqual(detected.findings, []);
    const forced = runJson([...NOW, '--kind', 'postmortem', 'notes.md'], { cwd: root });
    assert.ok(rulesOf(forced.findings).has('pm/required-section'));
  });
});

describe('input encodings', () => {
  it('gives the same findings for CRLF as for LF line breaks', () => {
    const root = tempTree({ 'lf/x-postmortem.md': broken, 'crlf/x-postmortem.md': broken.replace(/\n/g, '\r\n') });
    const lf = runJson([...NOW, 'lf'], { cwd: root });
    const crlf = runJson([...NOW, 'crlf'], { cwd: root });
    assert.ok(lf.findings.length > 0);
    const strip = (fs: JsonFinding[]) => fs.map(({ file: _file, ...rest }) => rest);
    assert.deepEqual(strip(crlf.findings), strip(lf.findings));
    assert.equal(crlf.code, lf.code);
  });

  it('ignores a byte-order mark: columns on the first line do not count it', () => {
    const root = tempTree({
      'plain.md': notes,
      'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(notes)]),
      'plain-pm.md': broken,
      'bom-pm.md': '\uFEFF' + broken,
    });
    const strip = (fs: JsonFinding[]) => fs.map(({ file: _file, ...rest }) => rest);
    const plain = runJson([...NOW, '--kind', 'postmortem', 'plain.md'], { cwd: root });
    const bom = runJson([...NOW, '--kind', 'postmortem', 'bom.md'], { cwd: root });
    assert.ok(plain.findings.some((f) => f.line === 1), 'a finding on the first line');
    assert.deepEqual(strip(bom.findings), strip(plain.findings));
    assert.deepEqual(strip(runJson([...NOW, 'bom-pm.md'], { cwd: root }).findings), strip(runJson([...NOW, 'plain-pm.md'], { cwd: root }).findings));
  });
});

describe('--quiet and --max-warnings', () => {
  const root = tempTree({ 'a-postmortem.md': broken, 'notes.md': notes });
  const forced = ['--kind', 'postmortem'];
  const all = runJson([...NOW, ...forced, '.'], { cwd: root });
  const warnings = all.findings.filter((f) => f.severity === 'warning').length;

  it('--quiet reports errors only', () => {
    assert.ok(warnings > 0 && all.findings.some((f) => f.severity === 'error'));
    const quiet = runJson([...NOW, ...forced, '--quiet', '.'], { cwd: root });
    assert.deepEqual(quiet.findings, all.findings.filter((f) => f.severity === 'error'));
    assert.equal(quiet.code, 1);
  });

  it('--max-warnings fails the run only when the warnings exceed it', () => {
    const onlyWarnings = tempTree({ 'notes.md': notes });
    const count = runJson([...NOW, ...forced, 'notes.md'], { cwd: onlyWarnings }).findings.filter((f) => f.severity === 'warning').length;
    assert.ok(count > 0);
    assert.equal(runCli(['lint', ...NOW, ...forced, '--max-warnings', String(count), 'notes.md'], { cwd: onlyWarnings }).code, 0);
    const over = runCli(['lint', ...NOW, ...forced, '--max-warnings', String(count - 1), 'notes.md'], { cwd: onlyWarnings });
    assert.equal(over.code, 1);
    assert.match(over.stderr, new RegExp(`${count} warnings, more than --max-warnings ${count - 1}`));
    // Warnings still count under --quiet, though they are not shown.
    const quiet = runCli(['lint', ...NOW, ...forced, '--quiet', '--max-warnings', String(count - 1), 'notes.md'], { cwd: onlyWarnings });
    assert.equal(quiet.code, 1);
  });
});

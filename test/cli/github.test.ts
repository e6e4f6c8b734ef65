import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatterNamed, type FileReport } from '../../server/src/cli/format';
import type { Finding, Severity } from '../../server/src/core/types';
import { runCli, runJson, tempTree, fixture } from './helpers';

/**
 * Reads a workflow command back the way the Actions runner does: `::name k=v,k=v::data`, the
 * properties split at `,` and `=`, then %-escapes undone. Written from GitHub's escaping rules
 * (data: % \r \n; properties also : and ,), independent of the formatter's code.
 */
interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function parseCommand(line: string): Command {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/s.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  assert.doesNotMatch(line, /[\r\n]/, 'a command is one line');
  const properties: Record<string, string> = {};
  for (const pair of m[2].split(',')) {
    const eq = pair.indexOf('=');
    assert.ok(eq > 0, `bad property "${pair}" in ${line}`);
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  // Data is unescaped for %, CR and LF only.
  const message = m[3].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return { command: m[1], properties, message };
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
const NOW = ['--now', '2026-11-27T12:00:00Z'];
const EXAMPLES = ['examples', ...NOW];

function finding(severity: Severity, message: string, line = 0, character = 0): Finding {
  return { rule: 'pm/test-rule', severity, message, range: { start: { line, character }, end: { line: line + 1, character: character + 2 } } };
}

describe('lint --format github', () => {
  const github = formatterNamed('github')!;
  const context = { color: false, rules: [], toolVersion: '0' };

  it('escapes messages and properties so that every field parses back', () => {
    const messages = [
      'plain',
      'two\nlines',
      'crlf\r\nend',
      'commas, colons: and :: double',
      '100% sure, %0A is not a newline, %25 not a percent',
      'trailing newline\n',
      '::error file=x::injected',
    ];
    const file = 'odd,dir/a:b %25 c.md';
    const reports: FileReport[] = [{ file, findings: messages.map((m, i) => finding('error', m, i * 3, i)) }];
    const output = github.format(reports, context);
    assert.ok(output.endsWith('\n'));
    const lines = output.slice(0, -1).split('\n');
    assert.equal(lines.length, messages.length, 'one line per finding, whatever the message holds');
    lines.forEach((line, i) => {
      const parsed = parseCommand(line);
      assert.equal(parsed.command, 'error');
      assert.equal(parsed.message, messages[i]);
      assert.deepEqual(parsed.properties, {
        file,
        line: String(i * 3 + 1),
        col: String(i + 1),
        endLine: String(i * 3 + 2),
        endColumn: String(i + 3),
        title: 'pm/test-rule',
      });
    });
  });

  it('writes control characters as escapes, keeping line breaks', () => {
    const reports: FileReport[] = [{ file: 'a\u001b[2J.md', findings: [finding('error', 'title \u001b]0;owned\u0007 gone\u001b[2J\nnext')] }];
    const output = github.format(reports, context);
    assert.doesNotMatch(output, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const parsed = parseCommand(output.trimEnd());
    assert.equal(parsed.message, 'title \\x1B]0;owned\\x07 gone\\x1B[2J\nnext');
    assert.equal(parsed.properties.file, 'a\\x1B[2J.md');
  });

  it('maps error, warning, info and hint to ::error, ::warning, ::notice and ::notice', () => {
    const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
    const output = github.format([{ file: 'a.md', findings: severities.map((s) => finding(s, s)) }], context);
    const commands = output.trim().split('\n').map((l) => parseCommand(l));
    assert.deepEqual(commands.map((c) => [c.message, c.command]), severities.map((s) => [s, COMMAND[s]]));
  });

  it('prints nothing when there is nothing to report', () => {
    assert.equal(github.format([{ file: 'a.md', findings: [] }], context), '');
    const dir = tempTree({ 'postmortems/clean.md': fixture('clean-postmortem.md') });
    const run = runCli(['lint', '--format', 'github', '.', ...NOW], { cwd: dir });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
  });

  it('end to end: the lines carry the same findings as --format json', () => {
    const run = runCli(['lint', '--format', 'github', ...EXAMPLES]);
    const json = runJson(EXAMPLES);
    assert.equal(run.code, json.code);
    const commands = run.stdout.trimEnd().split('\n').map((l) => parseCommand(l));
    assert.ok(json.findings.length > 10);
    assert.equal(commands.length, json.findings.length);
    json.findings.forEach((f, i) => {
      assert.deepEqual(commands[i], {
        command: COMMAND[f.severity as Severity],
        properties: {
          file: f.file,
          line: String(f.line),
          col: String(f.column),
          endLine: String(f.endLine),
          endColumn: String(f.endColumn),
          title: f.rule,
        },
        message: f.message,
      });
    });
  });

  it('--quiet, --rule and --max-warnings work with it', () => {
    const quiet = runCli(['lint', '--format', 'github', ...EXAMPLES, '--quiet']);
    const quietCommands = quiet.stdout.trimEnd().split('\n').map((l) => parseCommand(l));
    assert.ok(quietCommands.length > 0);
    assert.ok(quietCommands.every((c) => c.command === 'error'));

    const all = runJson(EXAMPLES).findings;
    const infoRule = all.find((f) => f.severity === 'info')!.rule;
    const raised = runCli(['lint', '--format', 'github', ...EXAMPLES, '--rule', `${infoRule}=warning`]);
    const raisedCommands = raised.stdout.trimEnd().split('\n').map((l) => parseCommand(l)).filter((c) => c.properties.title === infoRule);
    assert.ok(raisedCommands.length > 0);
    assert.ok(raisedCommands.every((c) => c.command === 'warning'));

    const errorRules = [...new Set(all.filter((f) => f.severity === 'error').map((f) => f.rule))];
    const noErrors = errorRules.flatMap((r) => ['--rule', `${r}=off`]);
    const warnings = all.filter((f) => f.severity === 'warning' && !errorRules.includes(f.rule)).length;
    assert.equal(runCli(['lint', '--format', 'github', ...EXAMPLES, ...noErrors, '--max-warnings', String(warnings)]).code, 0);
    const over = runCli(['lint', '--format', 'github', ...EXAMPLES, ...noErrors, '--max-warnings', String(warnings - 1)]);
    assert.equal(over.code, 1);
    // The budget message goes to stderr, so stdout stays pure workflow commands.
    assert.ok(over.stdout.trimEnd().split('\n').every((l) => parseCommand(l)));
    assert.match(over.stderr, /more than --max-warnings/);
  });
});

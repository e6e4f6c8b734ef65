import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../../server/src/core/types';
import { formatterNamed, formatters, type FileReport, type FormatContext } from '../../server/src/cli/format';
import { shouldUseColor } from '../../server/src/cli/format/colors';
import { locationOf } from '../../server/src/cli/format/location';
import { FORMAT_NAMES } from '../../server/src/cli/format/names';
import { countFindings, summaryLine } from '../../server/src/cli/format/summary';

function finding(rule: string, severity: Severity, line: number, character: number, message = `${rule} message`): Finding {
  return { rule, severity, message, range: { start: { line, character }, end: { line, character: character + 4 } } };
}

const plain: FormatContext = { color: false, rules: [], toolVersion: '0.0.0' };
const ANSI = /\u001b\[\d+m/;

const reports: FileReport[] = [
  { file: 'incidents/a.md', findings: [finding('pm/invalid-time', 'error', 0, 0), finding('pm/empty-row', 'info', 11, 9)] },
  { file: 'clean.md', findings: [] },
  { file: 'b.md', findings: [finding('pm/required-section', 'warning', 2, 3, 'Missing "Impact".')] },
];

describe('formatters', () => {
  it('are the names the lint command offers, in their order (the first is the default)', () => {
    assert.deepEqual(formatters.map((f) => f.name), [...FORMAT_NAMES]);
  });
});

describe('locationOf', () => {
  it('turns 0-based core positions into 1-based lines and columns', () => {
    const f: Finding = { rule: 'r', severity: 'info', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 3, character: 7 } } };
    assert.deepEqual(locationOf(f), { line: 1, column: 1, endLine: 4, endColumn: 8 });
  });
});

describe('json formatter', () => {
  const json = formatterNamed('json')!;

  it('prints one array with the interface keys in order and 1-based positions', () => {
    const parsed = JSON.parse(json.format(reports, plain)) as Record<string, unknown>[];
    assert.equal(parsed.length, 3);
    assert.deepEqual(Object.keys(parsed[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
    assert.deepEqual(parsed[1], {
      file: 'incidents/a.md',
      line: 12,
      column: 10,
      endLine: 12,
      endColumn: 14,
      severity: 'info',
      rule: 'pm/empty-row',
      message: 'pm/empty-row message',
    });
    assert.equal(parsed[2].file, 'b.md');
  });

  it('prints [] when nothing was found, and never colours', () => {
    assert.equal(json.format([{ file: 'x.md', findings: [] }], plain), '[]\n');
    assert.doesNotMatch(json.format(reports, { ...plain, color: true }), ANSI);
  });

  it('escapes messages so the output stays valid JSON', () => {
    const tricky = [{ file: 'q"uote.md', findings: [finding('r', 'error', 0, 0, 'a "quoted"\nline\\')] }];
    const parsed = JSON.parse(json.format(tricky, plain)) as { file: string; message: string }[];
    assert.equal(parsed[0].file, 'q"uote.md');
    assert.equal(parsed[0].message, 'a "quoted"\nline\\');
  });
});

describe('text formatter', () => {
  const text = formatterNamed('text')!;
  const LINE = /^(\S+):(\d+):(\d+) +(error|warning|info|hint) +(\S+) +(.+)$/;

  it('prints file:line:col severity rule message per finding, grouped by file, then the summary', () => {
    const out = text.format(reports, plain);
    const blocks = out.trimEnd().split('\n\n');
    assert.equal(blocks.length, 3, 'two files with findings and a summary');
    const first = blocks[0].split('\n').map((l) => LINE.exec(l));
    assert.deepEqual(first.map((m) => m && [m[1], m[2], m[3], m[4], m[5], m[6]]), [
      ['incidents/a.md', '1', '1', 'error', 'pm/invalid-time', 'pm/invalid-time message'],
      ['incidents/a.md', '12', '10', 'info', 'pm/empty-row', 'pm/empty-row message'],
    ]);
    assert.match(blocks[1], /^b\.md:3:4 +warning +pm\/required-section +Missing "Impact"\.$/);
    assert.equal(blocks[2], '1 error, 1 warning, 1 info in 2 files (3 checked)');
    assert.ok(out.endsWith('\n'));
  });

  it('aligns severities and rules within a file', () => {
    const lines = text.format(reports, plain).split('\n\n')[0].split('\n');
    const ruleColumns = lines.map((l) => l.indexOf('pm/'));
    assert.equal(new Set(ruleColumns).size, 1);
  });

  it('keeps one line per finding when a message has line breaks', () => {
    const out = text.format([{ file: 'a.md', findings: [finding('r', 'warning', 0, 0, 'first\n  second')] }], plain);
    assert.equal(out.split('\n')[0], 'a.md:1:1  warning  r  first second');
  });

  it('escapes control characters: a message or a file name cannot retitle the window or clear the screen', () => {
    const hostile = 'Action item has no ticket: “\u001b]0;owned\u0007\u001b[2J\u009b31m”.';
    const out = text.format([{ file: 'evil\u001b[2J.md', findings: [finding('r', 'warning', 0, 0, hostile)] }], plain);
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'nothing but line breaks');
    assert.equal(out.split('\n')[0], 'evil\\x1B[2J.md:1:1  warning  r  Action item has no ticket: “\\x1B]0;owned\\x07\\x1B[2J\\x9B31m”.');
  });

  it('colours only when asked', () => {
    assert.doesNotMatch(text.format(reports, plain), ANSI);
    const coloured = text.format(reports, { ...plain, color: true });
    assert.match(coloured, ANSI);
    // Stripped of colour, the text is the same as the plain output.
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), text.format(reports, plain));
  });

  it('says so when there is nothing to report', () => {
    assert.equal(text.format([{ file: 'a.md', findings: [] }], plain), 'No problems in 1 file.\n');
    assert.equal(text.format([], plain), 'No files checked.\n');
  });
});

describe('summary', () => {
  it('counts by severity', () => {
    assert.deepEqual(countFindings(reports), { error: 1, warning: 1, info: 1, hint: 0 });
  });

  it('pluralises and mentions hints only when there are some', () => {
    const many: FileReport[] = [
      { file: 'a.md', findings: [finding('r', 'error', 0, 0), finding('r', 'error', 1, 0), finding('r', 'hint', 2, 0)] },
    ];
    assert.equal(summaryLine(many), '2 errors, 0 warnings, 0 infos, 1 hint in 1 file (1 checked)');
    assert.equal(summaryLine([{ file: 'a.md', findings: [] }, { file: 'b.md', findings: [] }]), 'No problems in 2 files.');
  });
});

describe('formatter registry', () => {
  it('has text first (the default) and json, with unique names', () => {
    assert.equal(formatters[0].name, 'text');
    assert.ok(formatterNamed('json'));
    assert.equal(formatterNamed('xml'), undefined);
    assert.equal(new Set(formatters.map((f) => f.name)).size, formatters.length);
  });
});

describe('shouldUseColor', () => {
  it('colours a terminal unless NO_COLOR is set to something', () => {
    assert.equal(shouldUseColor({ isTTY: true }, {}), true);
    assert.equal(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldUseColor({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(shouldUseColor({ isTTY: false }, {}), false);
    assert.equal(shouldUseColor({}, {}), false);
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_REQUIRED_SECTIONS, defaultConfig, resolveConfig, SETTINGS } from '../../../server/src/core/config';
import { findConfigFile, loadConfigFile, parseConfigText } from '../../../server/src/core/workspace/configFile';

describe('config resolution', () => {
  it('defaults come from the settings table', () => {
    const config = defaultConfig();
    for (const s of SETTINGS) assert.deepEqual(config[s.key], s.default, s.key);
    assert.equal(config.requiredSections, config.requiredSections);
    assert.notEqual(config.requiredSections, DEFAULT_REQUIRED_SECTIONS, 'a copy, so callers cannot change the defaults');
  });
  it('later layers win, rules merge per id', () => {
    const { config, problems } = resolveConfig([
      { source: 'settings', values: { debounceMs: 50, rules: { 'pm/empty-row': 'off', 'pm/timeline-zone': 'error' } } },
      { source: '.incident-docs.yaml', values: { debounceMs: 10, rules: { 'pm/empty-row': 'warn' } } },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(config.debounceMs, 10);
    assert.deepEqual(config.rules, { 'pm/empty-row': 'warning', 'pm/timeline-zone': 'error' });
  });
  it('reports and ignores unknown keys, wrong types, bad levels and bad patterns', () => {
    const { config, problems } = resolveConfig([
      { source: 'f', values: { debounceMS: 1, warnDays: 'thirty', rules: { 'pm/x': 'loud' }, ticketPatterns: ['(unclosed', 'OK-\\d+'] } },
    ]);
    assert.equal(config.warnDays, 30);
    assert.deepEqual(config.ticketPatterns, ['OK-\\d+']);
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /unknown setting "debounceMS"/);
    assert.match(problems.join('\n'), /"warnDays" expects a number of 0 or more, got the text "thirty"/);
    assert.match(problems.join('\n'), /rule "pm\/x" has level "loud"/);
    assert.match(problems.join('\n'), /ignored regular expression "\(unclosed": it is not a valid regular expression: missing closing \)/);
  });
  it('says what is wrong with a number, not only its type', () => {
    const { config, problems } = resolveConfig([{ source: 'f', values: { warnDays: -3 } }]);
    assert.equal(config.warnDays, 30);
    assert.deepEqual(problems, ['f: "warnDays" expects a number of 0 or more, got -3']);
  });
  it('names the item of a list that is not text', () => {
    const { problems } = resolveConfig([{ source: 'f', values: { inventoryGlobs: ['a', 5] } }]);
    assert.deepEqual(problems, ['f: "inventoryGlobs" expects a list of text values, but item 2 is 5']);
  });
  it('quotes at most 80 characters of a value, with control characters escaped', () => {
    const { problems } = resolveConfig([{ source: 'f', values: { warnDays: `\u001b]0;owned\u0007${'9'.repeat(4_000_000)}` } }]);
    assert.equal(problems.length, 1);
    assert.ok(problems[0].length < 200, problems[0].slice(0, 300));
    assert.match(problems[0], /got the text "\\x1B\]0;owned\\x079+…"$/);
  });
  it('refuses patterns linear-time matching cannot run, with the reason, and keeps the rest', () => {
    const { config, problems } = resolveConfig([
      { source: 'f', values: { ticketPatterns: ['\\b(?!SEV-)[A-Z]+-\\d+', 'OK-\\d+', '(a)\\1', `${'a'.repeat(1001)}`] } },
    ]);
    assert.deepEqual(config.ticketPatterns, ['OK-\\d+']);
    assert.deepEqual(problems, [
      'f: "ticketPatterns": ignored regular expression "\\b(?!SEV-)[A-Z]+-\\d+": it uses a look-ahead, which linear-time matching does not support',
      'f: "ticketPatterns": ignored regular expression "(a)\\1": it uses a back-reference (\\1), which linear-time matching does not support',
      `f: "ticketPatterns": ignored regular expression "${'a'.repeat(79)}…": it is 1001 characters long; patterns may have at most 1000`,
    ]);
  });
  it('takes captureless look-behinds and JavaScript \\u escapes, and every default pattern runs', () => {
    const { problems } = resolveConfig([{ source: 'f', values: { templatePatterns: ['(?<!\\w)TBD', '\\u00e9t\\u{e9}'] } }]);
    assert.deepEqual(problems, []);
    for (const s of SETTINGS.filter((s) => s.key.endsWith('Patterns'))) {
      assert.deepEqual(resolveConfig([{ source: 'f', values: { [s.key]: s.default } }]).problems, [], s.key);
    }
  });
  it('accepts required sections as names or {name, aliases}', () => {
    const { config } = resolveConfig([{ source: 't', values: { requiredSections: ['Summary', { name: 'Timeline', aliases: ['Chronology'] }] } }]);
    assert.deepEqual(config.requiredSections, [
      { name: 'Summary', aliases: [] },
      { name: 'Timeline', aliases: ['Chronology'] },
    ]);
  });
  it('metricTags merges per moment; one word alone is a list; unknown moments and non-words are problems', () => {
    const { config, problems } = resolveConfig([
      { source: 'settings', values: { metricTags: { detected: ['detected', 'paged'], resolved: 'fixed' } } },
      { source: '.incident-docs.yaml', values: { metricTags: { mitigated: [' contained '], ended: ['x'], acknowledged: [1] } } },
    ]);
    assert.deepEqual(config.metricTags, {
      started: ['started'],
      detected: ['detected', 'paged'],
      acknowledged: ['acknowledged', 'ack'],
      mitigated: ['contained'],
      resolved: ['fixed'],
    });
    assert.deepEqual(problems, [
      '.incident-docs.yaml: "metricTags": unknown key "ended"; use started, detected, acknowledged, mitigated, resolved',
      '.incident-docs.yaml: "metricTags": "acknowledged" expects a list of words, but item 1 is 1',
    ]);
    assert.deepEqual(defaultConfig().metricTags.detected, ['detected'], 'the defaults are untouched');
    assert.match(resolveConfig([{ source: 'f', values: { metricTags: ['x'] } }]).problems[0], /expects a mapping of names to lists of words, got a list/);
  });
  it('a non-mapping layer is a problem, not a crash', () => {
    const { problems } = resolveConfig([{ source: 'x', values: ['a'] }]);
    assert.equal(problems.length, 1);
  });
});

describe('.incident-docs.yaml', () => {
  it('is found in the file’s folder or any parent, up to a stop folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'idcfg-'));
    try {
      const deep = join(root, 'a/b/c');
      mkdirSync(deep, { recursive: true });
      writeFileSync(join(root, 'a/.incident-docs.yaml'), 'warnDays: 7\n');
      assert.equal(findConfigFile(deep), join(root, 'a/.incident-docs.yaml'));
      assert.equal(findConfigFile(deep, join(root, 'a/b')), undefined);
      const { layer } = loadConfigFile(findConfigFile(deep)!);
      assert.equal(resolveConfig([layer!]).config.warnDays, 7);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('a config file nested thousands deep is refused before parsing (found by fuzzing: it hung the parser)', { timeout: 5000 }, () => {
    const text = `rules: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`;
    assert.match(parseConfigText(text, 'x.yaml').error ?? '', /x\.yaml: nests \d+ levels deep/);
  });
  it('bad YAML or a missing file is a problem, not a throw', () => {
    assert.match(parseConfigText('a: [1,', 'x.yaml').error ?? '', /not valid YAML/);
    assert.match(loadConfigFile('/nonexistent/.incident-docs.yaml').error ?? '', /no such file/);
  });

  it('reviewOverdueDays: days by severity, replacing the default as a whole; a bad entry is named and left out', () => {
    assert.deepEqual(defaultConfig().reviewOverdueDays, { SEV1: 3, SEV2: 5 });
    const { config, problems } = resolveConfig([{ source: 'f', values: { reviewOverdueDays: { SEV1: 2, SEV3: 'soon', SEV4: -1, P1: 0 } } }]);
    assert.deepEqual(config.reviewOverdueDays, { SEV1: 2, P1: 0 });
    assert.deepEqual(problems, [
      'f: "reviewOverdueDays": "SEV3" has the text "soon"; expected a number of days (0 or more)',
      'f: "reviewOverdueDays": "SEV4" has -1; expected a number of days (0 or more)',
    ]);
    assert.deepEqual(resolveConfig([{ source: 'f', values: { reviewOverdueDays: [3] } }]).problems, ['f: "reviewOverdueDays" expects a mapping of names to numbers of days (0 or more), got a list']);
  });
  it('frontMatterSchema in a config file is relative to the file; empty stays empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-schema-'));
    try {
      mkdirSync(join(dir, 'docs'));
      const file = join(dir, '.incident-docs.yaml');
      writeFileSync(file, 'frontMatterSchema: docs/front-matter.schema.json\ntemplate: google-sre\n');
      assert.deepEqual(loadConfigFile(file).layer?.values, { frontMatterSchema: join(dir, 'docs', 'front-matter.schema.json'), template: 'google-sre' });
      writeFileSync(file, "frontMatterSchema: ''\n");
      assert.deepEqual(loadConfigFile(file).layer?.values, { frontMatterSchema: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

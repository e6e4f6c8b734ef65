import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_REQUIRED_SECTIONS, defaultConfig, resolveConfig, SETTINGS } from '../../server/src/core/config';
import { findConfigFile, loadConfigFile, parseConfigText } from '../../server/src/core/configFile';

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
    assert.match(problems.join('\n'), /"warnDays" expects number/);
    assert.match(problems.join('\n'), /rule "pm\/x" has level/);
    assert.match(problems.join('\n'), /invalid regular expression "\(unclosed"/);
  });
  it('accepts required sections as names or {name, aliases}', () => {
    const { config } = resolveConfig([{ source: 't', values: { requiredSections: ['Summary', { name: 'Timeline', aliases: ['Chronology'] }] } }]);
    assert.deepEqual(config.requiredSections, [
      { name: 'Summary', aliases: [] },
      { name: 'Timeline', aliases: ['Chronology'] },
    ]);
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
  it('bad YAML or a missing file is a problem, not a throw', () => {
    assert.match(parseConfigText('a: [1,', 'x.yaml').problems[0], /not valid YAML/);
    assert.match(loadConfigFile('/nonexistent/.incident-docs.yaml').problems[0], /cannot read/);
  });
});

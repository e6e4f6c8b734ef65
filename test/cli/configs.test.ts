import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigResolver } from '../../server/src/cli/configs';
import { CliError } from '../../server/src/cli/errors';
import { tempTree } from './helpers';

function resolver(root: string, options: { explicitFile?: string; rules?: Record<string, 'off' | 'error'> } = {}) {
  const warnings: string[] = [];
  const configs = new ConfigResolver({
    explicitFile: options.explicitFile,
    ruleOverrides: options.rules ?? {},
    cwd: root,
    warn: (m) => warnings.push(m),
  });
  return { configs, warnings };
}

describe('ConfigResolver', () => {
  const root = tempTree({
    '.incident-docs.yaml': 'warnDays: 10\nrules:\n  pm/empty-row: off\n',
    'team/.incident-docs.yaml': 'warnDays: 20\nnoSuchSetting: 1\n',
    'team/sub/pm.md': '',
    'other/pm.md': '',
    'explicit.yaml': 'warnDays: 5\nrules:\n  pm/template-text: warning\n',
  });

  it('uses the nearest .incident-docs.yaml at or above the file', () => {
    const { configs } = resolver(root);
    assert.equal(configs.configFor(path.join(root, 'other/pm.md')).warnDays, 10);
    assert.equal(configs.configFor(path.join(root, 'team/sub/pm.md')).warnDays, 20);
    // The nearer file replaces the farther one; they are not merged.
    assert.equal(configs.configFor(path.join(root, 'team/sub/pm.md')).rules['pm/empty-row'], undefined);
  });

  it('uses --config for every file instead', () => {
    const { configs } = resolver(root, { explicitFile: path.join(root, 'explicit.yaml') });
    assert.equal(configs.configFor(path.join(root, 'team/sub/pm.md')).warnDays, 5);
    assert.equal(configs.configFor(path.join(root, 'other/pm.md')).rules['pm/template-text'], 'warning');
  });

  it('applies --rule over the file', () => {
    const { configs } = resolver(root, { rules: { 'pm/empty-row': 'error', 'pm/timeline-zone': 'off' } });
    const config = configs.configFor(path.join(root, 'other/pm.md'));
    assert.deepEqual(config.rules, { 'pm/empty-row': 'error', 'pm/timeline-zone': 'off' });
  });

  it('warns once per problem, naming the file relative to the working directory', () => {
    const { configs, warnings } = resolver(root);
    configs.configFor(path.join(root, 'team/sub/pm.md'));
    configs.configFor(path.join(root, 'team/pm.md'));
    assert.deepEqual(warnings, ['team/.incident-docs.yaml: unknown setting "noSuchSetting"']);
  });

  it('refuses malformed YAML for the files it applies to (never the defaults instead)', () => {
    const broken = tempTree({ '.incident-docs.yaml': 'warnDays: [1,\n', 'pm.md': '' });
    const { configs } = resolver(broken);
    assert.throws(() => configs.configFor(path.join(broken, 'pm.md')), (e: unknown) => e instanceof CliError && /^\.incident-docs\.yaml: not valid YAML/.test(e.message));
    const list = tempTree({ '.incident-docs.yaml': '- a\n- b\n', 'pm.md': '' });
    assert.throws(() => resolver(list).configs.configFor(path.join(list, 'pm.md')), /expected a mapping of settings/);
  });

  it('refuses a --config file that does not exist', () => {
    assert.throws(() => resolver(root, { explicitFile: path.join(root, 'nope.yaml') }), CliError);
  });
});

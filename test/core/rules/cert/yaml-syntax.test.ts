/** cert/yaml-syntax: findings by line and column, fixes applied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, CLEAN_INVENTORY, lintYaml } from '../../../helpers/inventory';

/** CLEAN_INVENTORY with one line replaced (by its exact text). */

describe('cert/yaml-syntax', () => {
  it('reports the parser message at its position and keeps checking the rest', () => {
    const text = 'certificates:\n  - name: api\n    hosts: [api.example.com\n    expires: 2020-01-01\n';
    const findings = lintYaml(text);
    const syntax = byRule(findings, 'cert/yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].severity, 'error');
    assert.match(syntax[0].message, /YAML syntax error: /);
    assert.ok(syntax[0].range.start.line >= 2, 'at the unclosed flow sequence, not line 0');
  });
  it('says so when the file is a template', () => {
    const text = 'certificates:\n  - name: {{ .Values.name }}\n{{- end }}\n  - x\n';
    const syntax = byRule(lintYaml(text), 'cert/yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.match(syntax[0].message, /template markers/);
  });
  it('is silent on valid YAML', () => {
    assert.deepEqual(byRule(lintYaml(CLEAN_INVENTORY), 'cert/yaml-syntax'), []);
  });
});

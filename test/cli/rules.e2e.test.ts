import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules, ruleDocsUrl } from '../../server/src/core/ruleReference';
import { REPO_ROOT, runCli } from './helpers';

describe('incident-docs rules', () => {
  it('prints the same reference as docs/rules.md', () => {
    const run = runCli(['rules']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8'));
  });

  it('prints every rule as JSON with its docs and link', () => {
    const run = runCli(['rules', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const entries = JSON.parse(run.stdout) as { id: string; defaultSeverity: string; url: string; summary: string; bad: string; good: string }[];
    const rules = allRules();
    assert.deepEqual(entries.map((e) => e.id), rules.map((r) => r.id));
    for (const [i, e] of entries.entries()) {
      assert.equal(e.defaultSeverity, rules[i].defaultSeverity);
      assert.equal(e.summary, rules[i].docs.summary);
      assert.equal(e.bad, rules[i].docs.bad);
      assert.equal(e.good, rules[i].docs.good);
      assert.equal(e.url, ruleDocsUrl(e.id));
    }
  });

  it('refuses an unknown format with exit code 2', () => {
    const run = runCli(['rules', '--format', 'html']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Allowed choices are markdown, json/);
  });
});

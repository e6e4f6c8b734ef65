/** `template` through the built CLI: the config file's path is relative to it, wherever the CLI runs from. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runJson } from './helpers';

describe('lint with a team template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-template-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'docs'));
  mkdirSync(path.join(dir, 'postmortems'));
  writeFileSync(path.join(dir, 'docs', 'template.md'), '# Incident Title\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\n## Attendees\n\n## Stats\n<!-- optional -->\n');
  writeFileSync(path.join(dir, '.incident-docs.yaml'), 'template: docs/template.md\nrules:\n  pm/section-order: info\n');
  const report = path.join(dir, 'postmortems', 'outage.md');
  writeFileSync(report, '# Outage\n\n## Attendees\n\n- JD\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\nIt broke.\n');

  it('reports by line and column (run from another folder): template text, section order; nothing missing', () => {
    const { code, findings, stderr } = runJson(['--now', '2026-11-27T12:00:00Z', report], { cwd: tmpdir() });
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(
      findings.filter((f) => f.rule.startsWith('pm/')).map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`),
      [
        '3:4 pm/section-order “Attendees” is out of the template’s order: the template puts it after “Summary”.',
        '9:1 pm/template-text Template text left in: “Say what broke and for how long, in two sentences.”.',
      ],
    );
  });

  it('a template path that leaves the repository: one finding, exit code unchanged by it', () => {
    writeFileSync(path.join(dir, '.incident-docs.yaml'), 'template: ../../elsewhere/template.md\n');
    const { findings } = runJson(['--now', '2026-11-27T12:00:00Z', report], { cwd: dir });
    const required = findings.filter((f) => f.rule === 'pm/required-section');
    assert.equal(required.length, 1);
    assert.equal(`${required[0].line}:${required[0].column}`, '1:3');
    assert.match(required[0].message, /^Template not used: ".*elsewhere\/template\.md" is outside the workspace/);
  });
});

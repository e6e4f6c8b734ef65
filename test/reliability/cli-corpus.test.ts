/** Every corpus, fixture and example file through the built CLI: no error, ranges inside, deterministic. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli, type JsonFinding } from '../cli/helpers';
import { NOW } from '../helpers/lint';
import { CORPUS_DIRS, corpusFiles } from './fuzz/documents';
import { lineLengths, rangeProblem } from './fuzz/ranges';

describe('CLI on the whole corpus', () => {
  it('lints every file, twice the same, every range inside its file', () => {
    const args = ['lint', '--format', 'json', '--now', NOW.toISOString(), ...CORPUS_DIRS.filter(existsSync)];
    const first = runCli(args);
    const second = runCli(args);
    assert.ok(first.code === 0 || first.code === 1, `exit ${first.code}: ${first.stderr}`);
    assert.equal(second.stdout, first.stdout, 'deterministic');
    const findings = JSON.parse(first.stdout) as JsonFinding[];
    const linted = new Set(findings.map((f) => path.resolve(REPO_ROOT, f.file)));
    assert.ok(linted.size >= corpusFiles().length / 2, `${linted.size} files with findings`);
    const lengths = new Map<string, number[]>();
    for (const f of findings) {
      assert.notEqual(f.rule, 'doc/internal-error', f.message);
      const file = path.resolve(REPO_ROOT, f.file);
      if (!lengths.has(file)) lengths.set(file, lineLengths(readFileSync(file, 'utf8')));
      const range = { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
      assert.equal(rangeProblem(range, lengths.get(file)!), undefined, `${f.file}:${f.line} ${f.rule}`);
    }
  });

  it('a file over maxFileSizeBytes: one info finding', () => {
    const seed = path.join(REPO_ROOT, 'test/fixtures/postmortems/3scale-cert-expiry-postmortem.md');
    const run = runCli(['lint', '--format', 'json', '--config', path.join(__dirname, 'small-limit.yaml'), seed]);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['doc/too-large', 'info']], run.stderr);
  });
});

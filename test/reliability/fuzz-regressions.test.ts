/** Regressions found by fuzzing, each pinned to the document shape that exposed it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/text';
import { config, NOW } from '../helpers/lint';
import { lineLengths, rangeProblem } from './fuzz/ranges';

describe('fuzz regressions', () => {
  it('CRLF: a YAML syntax error ending at a line break stays on its line (was one past the end, between \\r and \\n)', () => {
    const text = ['apiVersion: cert-manager.io/v1', 'kind: Certificate', 'spec:', '  dnsNames:', '  - "a', '  - "b"', ''].join('\r\n');
    const findings = lint({ path: 'certificate.yaml', text }, config(), { now: NOW });
    assert.ok(findings.length > 0);
    const lengths = lineLengths(text);
    for (const f of findings) assert.equal(rangeProblem(f.range, lengths), undefined, `${f.rule} ${JSON.stringify(f.range)}`);
  });

  it('LineIndex maps an offset inside a CRLF to the end of its line', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  });

  it('a table of 3,000 empty rows lints in well under a second: the shared fix is converted once', () => {
    const rows = '<tr class="odd"><td></td><td></td></tr>'.repeat(3_000);
    // A sentence first: a section holding only empty rows is reported once as empty instead.
    const text = '# Post-mortem\n\n## Action Items\n\nTracked in OPS-1.\n\n<table>\n<tbody>\n' + rows + '\n</tbody>\n</table>\n';
    // CPU time, not wall time: what the lint costs, whatever else the machine runs meanwhile.
    const started = process.cpuUsage();
    const findings = lint({ path: 'postmortems/x.md', text }, config(), { now: NOW }).filter((f) => f.rule === 'pm/empty-row');
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    assert.equal(findings.length, 3_000);
    assert.ok(ms < 1_500, `${ms} ms of CPU`);
    assert.equal(findings[0].fixes![0], findings[2_999].fixes![0], 'one fix object for the table');
    assert.equal(findings[0].fixes![0].edits.length, 3_000);
  });
});

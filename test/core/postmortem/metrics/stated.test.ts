import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/core/config';
import { statedMetrics } from '../../../../server/src/core/postmortem/metrics/stated';
import { buildPostmortemModel } from '../../../../server/src/core/postmortem/model';
import { drain } from '../../../../server/src/core/steps';
import { LineIndex } from '../../../../server/src/core/text';

/** Each stated metric as `line:column moment minutes "text"`. */
function stated(text: string): string[] {
  const model = buildPostmortemModel({ path: 'postmortems/x.md', text }, defaultConfig());
  const lines = new LineIndex(text);
  return drain(statedMetrics(model.root, text, model.tables)).map((s) => {
    const p = lines.positionAt(s.span.start);
    assert.equal(text.slice(s.span.start, s.span.end), s.text, 'the span covers the text');
    return `${p.line + 1}:${p.character + 1} ${s.milestone} ${s.minutes} "${s.text}"`;
  });
}

describe('stated metrics', () => {
  it('dfds Stats lists: time to detection and recovery', () => {
    assert.deepEqual(stated('# Stats\n\n- Category: Kubernetes\n- Time to detection: 54 minutes\n- Time to recovery: 148 minutes\n'), [
      '4:22 detected 54 "54 minutes"',
      '5:21 resolved 148 "148 minutes"',
    ]);
  });
  it('abbreviations, bold labels, units, "about", several lines of one paragraph', () => {
    const text = 'TTD: 5 min\n**TTA:** 1h30m  \nTime to mitigate (TTM) = ~2 h 28 min\n*Time-to-resolve* – 3 days, 4 hours and 10 minutes';
    assert.deepEqual(stated(text), [
      '1:6 detected 5 "5 min"',
      '2:10 acknowledged 90 "1h30m"',
      '3:26 mitigated 148 "~2 h 28 min"',
      '4:21 resolved 4570 "3 days, 4 hours and 10 minutes"',
    ]);
  });
  it('a key/value table: the label in one cell, the duration in the next', () => {
    const text = '| Start Time | 10:00 | Time to Detect (TTD) | 12 minutes |\n| --- | --- | --- | --- |\n| Resolution Time | 11:00 | Time to Resolve (TTR) | 1 hour |\n';
    assert.deepEqual(stated(text), ['1:47 detected 12 "12 minutes"', '3:53 resolved 60 "1 hour"']);
  });
  it('states nothing without a duration: N/A, ?, template placeholders, bounds, other units', () => {
    const text = '- Time to detection: N/A\n- Time to recovery: ?\n- Time to detection: YYY\n- TTR: < 5 min\n- TTD: 3 months\n- Time to detect | |\n';
    assert.deepEqual(stated(text), []);
  });
  it('only a line that starts with the label: prose, code and HTML state nothing', () => {
    const text = 'Our time to detection: 54 minutes was too long.\n\nThe TTR was 2 hours.\n\n```\nTTR: 2 hours\n```\n\n<p>TTD: 5 min</p>\n\n> TTM: 20 min\n';
    assert.deepEqual(stated(text), ['11:8 mitigated 20 "20 min"']);
  });
  it('other verbs: discovery, acknowledgement, restoration', () => {
    assert.deepEqual(
      stated('Time to discovery: 2 min\n\nTime to acknowledgement: 3 min\n\nTime to restore: 4 min\n').map((s) => s.split(' ').slice(1, 3).join(' ')),
      ['detected 2', 'acknowledged 3', 'resolved 4'],
    );
  });
  it('a line of 50,000 blanks after a label is read in linear time', { timeout: 20_000 }, () => {
    const blanks = ' '.repeat(50_000);
    assert.deepEqual(stated(`Time to detect (TTD)${blanks}x\n\nTTR${blanks}:${blanks}x\n\nTTM 5${blanks}x\n\n| Time to detect${blanks} | 5 min |\n| --- | --- |\n`), ['7:50020 detected 5 "5 min"']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/impact-timeline';
const timeline = (rows: string[]) => `## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n${rows.map((r) => `| ${r} | x |`).join('\n')}\n`;

describe(rule, () => {
  it('reports a window that starts long before the first timeline entry', () => {
    const text = `## Impact\n\n~4 hours (12:21pm to 4:04pm)\n\n${timeline(['2:43pm', '4:05pm'])}`;
    const findings = byRule(lintPostmortem(text), rule);
    assert.equal(findings.length, 1);
    assert.equal(covered(text, findings[0]), '12:21pm');
    assert.match(findings[0].message, /2 h 22 min before the first timeline entry \(2:43pm\)/);
  });
  it('accepts a window the timeline covers within 15 minutes', () => {
    const text = `## Impact\n\nDown for 40 minutes, from 10:04 to 10:44 EST.\n\n${timeline(['10:00', '10:20', '10:50'])}`;
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
  it('reports a window whose end is far from the entry that says the outage ended, naming that entry', () => {
    const text = `## Impact\n\nBetween 1:46pm - 5:30pm\n\n## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 1:40pm | Bad deploy |\n| 6:09pm | Service restored |\n| 6:30pm | Notified the mailing list |\n`;
    const [f, ...rest] = byRule(lintPostmortem(text), rule);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, f), '5:30pm');
    assert.match(f.message, /39 min before the timeline entry that ends the outage \(6:09pm\)/);
  });
  it('without an entry that says the outage ended, entries after the window are follow-up (test-infra 2019-02-08:15)', () => {
    // The 18:09 entry is a mailing-list notice after recovery: the window ending at 5:30pm is not contradicted.
    const text = `## Impact\n\n(Between 1:46pm - 5:30pm)\n\n## Timeline\n\nAll times in PST.\n\n* [13:20] Prow's bump PR is merged\n* [17:25] Rolled back\n* [17:59] Cleaned up all wrong pods, and confirmed Prow is healthy.\n* [18:09] Notified k-dev mailing list\n`;
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
    const after = text.replace('5:30pm', '7:30pm');
    const [f] = byRule(lintPostmortem(after), rule);
    assert.match(f.message, /1 h 21 min after the last timeline entry \(18:09\)/);
  });
  it('reports a stated duration that disagrees with its window by more than 25%', () => {
    const text = `## Impact\n\nabout 3 hours, from 15:30 to 18:10 UTC\n\n## Timeline\n\n- 15:30 UTC a\n- 18:10 UTC b\n`;
    const [f, ...rest] = byRule(lintPostmortem(text), rule);
    assert.equal(rest.length, 0, JSON.stringify(rest));
    assert.equal(f, undefined, '2 h 40 min is within 25% of 3 hours');
    const wrong = `## Impact\n\n~5 hours (15:30 to 18:10 UTC)\n\n## Timeline\n\n- 15:30 UTC a\n- 18:10 UTC b\n`;
    const [d] = byRule(lintPostmortem(wrong), rule);
    assert.equal(covered(wrong, d), '~5 hours');
    assert.match(d.message, /is 2 h 40 min/);
  });
  it('ignores durations that do not sit beside the window', () => {
    const text = `## Impact\n\nVery slow (~5min delay for a response)\n(Between 4:06pm (first notice) - 5:30pm)\n\n${timeline(['4:00pm', '5:30pm'])}`;
    assert.deepEqual(byRule(lintPostmortem(text), rule), []);
  });
  it('compares dated windows with dated timelines, across zones', () => {
    const ok = `## Impact\n\nFailed between 2019-02-25 23:04 and 2019-02-26 08:12 PDT.\n\n## Timeline\n\nAll times in PDT.\n\n- [02-25 23:04] a\n- [02-26 08:10] b\n`;
    assert.deepEqual(byRule(lintPostmortem(ok), rule), []);
    const wrongMonth = ok.replace('2019-02-25', '2019-01-25').replace('2019-02-26', '2019-01-26');
    // One fact (the window is a month early): the start says it; the end has no entry that says the outage ended.
    assert.equal(byRule(lintPostmortem(wrongMonth), rule).length, 1);
    const withEnd = wrongMonth.replace('08:10] b', '08:10] b (outage ends)');
    assert.equal(byRule(lintPostmortem(withEnd), rule).length, 2);
  });
  it('says nothing without a window', () => {
    assert.deepEqual(byRule(lintPostmortem(`## Impact\n\nAll users.\n\n${timeline(['2:43pm'])}`), rule), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/timeline-zone';
const entries = '- 10:00 paged\n- 10:20 fixed\n';

describe(rule, () => {
  it('reports a timeline that never states a zone, on its heading', () => {
    const text = `## Timeline\n\n${entries}`;
    const [f] = byRule(lintPostmortem(text), rule);
    assert.equal(covered(text, f), 'Timeline');
  });
  it('accepts a zone in a sentence, a header, an entry, or front matter', () => {
    for (const text of [
      `All times in UTC.\n\n## Timeline\n\n${entries}`,
      `## Timeline\n\nAll times PDT (UTC-7).\n\n${entries}`,
      '## Timeline\n\n| Time (EST) | Event |\n| --- | --- |\n| 10:00 | a |\n',
      '## Timeline\n\n- 10:00 UTC paged\n- 10:20 fixed\n',
      `---\ntimezone: Europe/Copenhagen\n---\n## Timeline\n\n${entries}`,
    ]) {
      assert.deepEqual(byRule(lintPostmortem(text), rule), [], text);
    }
  });
  it('says nothing about a timeline without times', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline\n\nTBD\n'), rule), []);
  });
});

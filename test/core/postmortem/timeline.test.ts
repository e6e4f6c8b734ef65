import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';

function timeline(markdown: string) {
  const model = buildPostmortemModel({ path: 'postmortems/x.md', text: markdown }, defaultConfig());
  assert.ok(model.timeline, 'expected a timeline');
  return model.timeline;
}

const times = (md: string) => timeline(md).entries.map((e) => e.token?.text.trim() ?? null);

describe('timeline shapes', () => {
  it('HTML table with a zone in the header', () => {
    const t = timeline(
      '## Timeline\n\n<table>\n<thead><tr><th><strong>Time (EST)</strong></th><th>Notes</th></tr></thead>\n<tbody>\n<tr><td>2:43pm</td><td>Page</td></tr>\n<tr><td>4:05pm</td><td>All clear</td></tr>\n</tbody>\n</table>\n',
    );
    assert.deepEqual(t.entries.map((e) => e.token?.text), ['2:43pm', '4:05pm']);
    assert.equal(t.zone, 'EST');
    assert.equal(t.entries[1].text, 'All clear');
  });
  it('HTML table split by blank lines is still one table', () => {
    const md = '## Timeline\n\n<table>\n<tr><td>10:00</td><td>a</td></tr>\n\n<tr><td>10:05</td><td>b</td></tr>\n</table>\n';
    assert.deepEqual(times(md), ['10:00', '10:05']);
  });
  it('pipe table with the time in the column whose header says so', () => {
    const md = '## Timeline\n\n| Event | Date and Time in CET |\n| --- | --- |\n| Alert | 2019-12-01 10:00 |\n| Fix | 2019-12-01 11:30 |\n';
    const t = timeline(md);
    assert.deepEqual(times(md), ['2019-12-01 10:00', '2019-12-01 11:30']);
    assert.equal(t.zone, 'CET');
  });
  it('pipe table with the time in the first column', () => {
    assert.deepEqual(times('## Timeline\n\n| When | What |\n|---|---|\n| 14:05 | a |\n| 14:10 | b |\n'), ['14:05', '14:10']);
  });
  it('bullets starting with a time, bracketed or bold', () => {
    assert.deepEqual(times('## Timeline\n\n- 14:43 paged\n- [16:04] rolled back\n- **16:58 UTC** - flags down\n'), ['14:43', '16:04', '16:58 UTC']);
  });
  it('12-hour bullets with zones, and a later bullet without one inherits it', () => {
    const t = timeline('## Timeline\n\n- 2:54 PM PST: first\n- 4:49 AM: later\n');
    assert.equal(t.entries[1].zone, 'PST');
  });
  it('one heading per entry', () => {
    assert.deepEqual(times('## Timeline\n\n### Sep 27 2017 13:06\n\nstart\n\n### 13:35\n\nmore\n\n### 21:06 - Logger error\n'), [
      'Sep 27 2017 13:06',
      '13:35',
      '21:06',
    ]);
  });
  it('date paragraphs group the entries under them', () => {
    const t = timeline('## Timeline\n\nAll times in PST\n\n2019-01-22\n\n- 2:54 PM: a\n- 11:10 PM: b\n\n2019-01-23\n\n- 4:49 AM: c\n');
    assert.deepEqual(
      t.entries.map((e) => e.date?.day),
      [22, 22, 23],
    );
    assert.equal(t.zone, 'PST');
  });
  it('date-only headings group entries too', () => {
    const t = timeline('## Timeline\n\n### 2018-01-11\n\n- 10:00 a\n\n### 2018-01-12\n\n- 09:00 b\n');
    assert.deepEqual(
      t.entries.map((e) => e.date?.day),
      [11, 12],
    );
    assert.ok(t.entries[1].minutes! > t.entries[0].minutes!);
  });
  it('entries without a time are kept so rules can report them', () => {
    const t = timeline('## Timeline\n\n- 10:00 a\n- then b\n');
    assert.equal(t.entries.length, 2);
    assert.equal(t.entries[1].token, undefined);
  });
  it('a list with no times at all is not a timeline list', () => {
    assert.equal(timeline('## Timeline\n\n- first this\n- then that\n').entries.length, 0);
  });
  it('undated midnight crossings move to the next day', () => {
    const t = timeline('## Timeline\n\n- [23:55] a\n- [00:10] b\n- [07:00] c\n');
    assert.ok(t.entries[1].minutes! > t.entries[0].minutes!);
    assert.ok(t.entries[2].minutes! > t.entries[1].minutes!);
  });
  it('month-day dates without a year roll over into the next year', () => {
    const t = timeline('## Timeline\n\n- [12-05 16:21] a\n- [03-20 16:46] b\n');
    assert.ok(t.entries[1].minutes! > t.entries[0].minutes!);
  });
  it('front matter timezone states the zone', () => {
    const model = buildPostmortemModel({ path: 'postmortems/x.md', text: '---\ntimezone: UTC\n---\n## Timeline\n\n- 10:00 a\n' }, defaultConfig());
    assert.equal(model.timeline?.zone, 'UTC');
  });
  it('what an entry says is its text as read: inline code kept, Markdown marks left out, in tables, lists and headings', () => {
    const table = timeline('## Timeline\n\n| Time | Event |\n| --- | --- |\n| 16:02 | First alert, but from an affected service (`k8s-janitor`) |\n');
    assert.equal(table.entries[0].text, 'First alert, but from an affected service (k8s-janitor)');
    const html = timeline('## Timeline\n\n<table><tr><td>16:02</td><td>Restarted <code>kiam</code><br>pods</td></tr></table>\n');
    assert.equal(html.entries[0].text, 'Restarted kiam pods');
    const list = timeline('## Timeline\n\n- **16:58 UTC** - `flags` is *down*, see [the graph](http://x)\n- [17:20] \\[detected\\] alert\n');
    assert.deepEqual(list.entries.map((e) => e.text), ['flags is down, see the graph', '[detected] alert']);
    const headings = timeline('## Timeline\n\n### 21:06 - Logger `error`\n');
    assert.equal(headings.entries[0].text, 'Logger error');
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';
import { postmortemHover, postmortemLinks, postmortemOutline } from '../../../server/src/core/postmortem/services';

const text = readFileSync('test/fixtures/postmortems/3scale-cert-expiry-postmortem.md', 'utf8');
const config = defaultConfig();
const model = buildPostmortemModel({ path: 'seed.md', text }, config);

describe('post-mortem editor services', () => {
  it('outline: sections with timeline entries under Timeline', () => {
    const outline = postmortemOutline(model);
    assert.deepEqual(
      outline.map((o) => o.name),
      ['Overview', 'Contributing Factors', 'Resolution', 'Impact', 'Timeline', 'How’d We Do?', 'Action Items', 'Messaging'],
    );
    const timeline = outline.find((o) => o.name === 'Timeline')!;
    assert.equal(timeline.children.length, 10);
    assert.deepEqual([timeline.children[0].name, timeline.children[0].detail], ['2:43pm', 'Initial page and acknowledgement']);
  });
  it('hover on an entry: time since the first and the previous entry', () => {
    const offset = text.indexOf('3:04pm');
    const hover = postmortemHover(model, offset, config)!;
    assert.match(hover.markdown, /21 min after the first entry \(2:43pm\)/);
    assert.match(hover.markdown, /11 min after the previous entry \(2:53pm\)/);
  });
  it('hover on the Timeline heading: the span, and metrics unknown where nothing states them (never read from "page" or "All clear")', () => {
    const hover = postmortemHover(model, text.indexOf('## Timeline') + 4, config)!;
    assert.match(hover.markdown, /2:43pm → 4:05pm \(1 h 22 min\)/);
    assert.match(hover.markdown, /from the first timeline entry \(2:43pm\)/);
    for (const name of ['detect', 'acknowledge', 'mitigate', 'resolve']) assert.match(hover.markdown, new RegExp(`^- Time to ${name}: unknown$`, 'm'));
  });
  it('links ticket keys only when ticketUrl is set', () => {
    assert.deepEqual(postmortemLinks(model, defaultConfig()), []);
    const links = postmortemLinks(model, { ...defaultConfig(), ticketUrl: 'https://jira.example.com/browse/{key}' });
    assert.deepEqual(
      links.map((l) => text.slice(l.span.start, l.span.end)),
      ['RHCLOUD-8613', 'RHCLOUD-8669', 'RHCLOUD-8666', 'RHIOPS-761', 'RHCLOUD-8668'],
    );
    assert.equal(links[0].target, 'https://jira.example.com/browse/RHCLOUD-8613');
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';
import { plainTextOf } from '../../../server/src/core/hoverText';
import { postmortemCodeLenses, postmortemHover, postmortemLinks, postmortemOutline } from '../../../server/src/core/postmortem/services';

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
  it('a code lens above the Timeline heading: the four metrics, unknown ones said so', () => {
    const lenses = postmortemCodeLenses(model, config);
    assert.deepEqual(lenses.map((l) => [text.slice(l.span.start, l.span.end), l.title, l.command]), [
      ['Timeline', 'Time to detect unknown · acknowledge unknown · mitigate unknown · resolve unknown', undefined],
    ]);
    const notPostmortem = buildPostmortemModel({ path: 'notes/plan.md', text: '# Launch plan\n\n## Timeline\n\n- 10:00 a\n' }, config);
    assert.deepEqual(postmortemCodeLenses(notPostmortem, config), [], 'Markdown that is no post-mortem gets no lens');
  });
});

describe('post-mortem editor services on dfds KIAM', () => {
  const kiam = readFileSync('test/fixtures/postmortems/dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md', 'utf8');
  const kiamModel = buildPostmortemModel({ path: 'postmortems/kiam.md', text: kiam }, config);
  it('the Timeline heading says 54 minutes to detect, as the authors state, never 26 (the first entry with "alert")', () => {
    const hover = postmortemHover(kiamModel, kiam.indexOf('## Timeline') + 3, config)!;
    assert.equal(kiam.slice(hover.span.start, hover.span.end), 'Timeline');
    const plain = plainTextOf(hover.markdown);
    assert.match(plain, /^- Time to detect: 54 min, stated on line 41 \(“Time to detection: 54 minutes”\)$/m);
    assert.match(plain, /^- Time to resolve: 2 h 28 min, stated on line 42 \(“Time to recovery: 148 minutes”\)$/m);
    assert.match(plain, /^- Time to acknowledge: unknown$/m);
    assert.doesNotMatch(hover.markdown, /26 min/);
    assert.deepEqual(postmortemCodeLenses(kiamModel, config).map((l) => l.title), [
      'Time to detect 54 min (stated) · acknowledge unknown · mitigate unknown · resolve 2 h 28 min (stated)',
    ]);
  });
  it('an entry keeps its inline code: "from an affected service (k8s-janitor)"', () => {
    const hover = postmortemHover(kiamModel, kiam.indexOf('2020-01-21 16:02') + 1, config)!;
    assert.equal(plainTextOf(hover.markdown).split('\n')[0], '2020-01-21 16:02 — First alert indicating a problem, but from an affected service (k8s-janitor)');
  });
  it('tags move the metrics to the timeline, with the entry they came from', () => {
    const tagged = kiam.replace('| First alert regarding', '| [detected] First alert regarding').replace('| New certificates', '| [resolved] New certificates');
    const m = buildPostmortemModel({ path: 'postmortems/kiam.md', text: tagged }, config);
    const plain = plainTextOf(postmortemHover(m, tagged.indexOf('## Timeline') + 3, config)!.markdown);
    assert.match(plain, /^- Time to detect: 54 min, timeline entry 2020-01-21 16:30 tagged \[detected\] \(line 17\)$/m);
    assert.match(plain, /^- Time to resolve: 2 h 28 min, timeline entry 2020-01-21 18:04 tagged \[resolved\] \(line 18\)$/m);
  });
});

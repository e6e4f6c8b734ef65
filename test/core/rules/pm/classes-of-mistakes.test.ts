/**
 * Issue 20: the classes of mistakes seen on real post-mortems the project had not seen, each as a
 * small document shaped like it (the corpus lines themselves are in corpus-labels and corpus.test).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const ticket = (text: string) => byRule(lintPostmortem(text), 'pm/action-item-ticket').map((f) => covered(text, f));

describe('pm/action-item-ticket: tickets given by the context', () => {
  it('a heading that links the tracking issue covers the items under it (PostHog flags-is-down:66-74)', () => {
    const text = '## Remediation\n\n### Short-term Improvements ([Follow along here](https://github.com/o/r/issues/39133))\n\n- **Circuit breakers**: add them.\n- **Health checks**: tighten them.\n\n### Long-term Improvements\n\n- Load testing\n';
    assert.deepEqual(ticket(text), ['Load testing']);
  });
  it('a heading that names the issue in words, and a paragraph after the list, count', () => {
    assert.deepEqual(ticket('## Action Items\n\n### Short-term improvements (tracked in GitHub issue #40885)\n\n- Add alerting\n- Add a runbook\n'), []);
    assert.deepEqual(ticket('## Follow-ups\n\n- Add alerting\n- Add a runbook\n\nThese are tracked in owner/repo#200.\n'), []);
    assert.deepEqual(ticket('## Follow-ups\n\nWe are committed to:\n\n- Add alerting\n'), ['Add alerting']);
  });
  it('resolves reference-style links through their definitions', () => {
    const text = '## Action Items\n\n- Alert on load failures ([issue][alerting-issue])\n- Write docs ([guide][docs])\n\n[alerting-issue]: https://github.com/o/r/issues/12\n[docs]: https://example.com/guide\n';
    assert.deepEqual(ticket(text), ['Write docs ([guide][docs])']);
  });
  it('only issue-tracker links are tickets: documentation and tool repositories are not', () => {
    const text = '## Action Items\n\n- Set up alerting\n  - See https://github.com/uswitch/kiam/blob/master/docs/METRICS.md.\n- Inventory AWS (for example <https://github.com/darkbitio/aws-recon>)\n- Fix retries (https://linear.app/acme/issue/ENG-12)\n- Fix limits (https://acme.atlassian.net/browse/OPS-3)\n- Fix quota (https://gitlab.com/g/p/-/merge_requests/7)\n';
    assert.deepEqual(ticket(text), ['Set up alerting', 'Inventory AWS (for example <https://github.com/darkbitio/aws-recon>)']);
  });
  it('items marked done are not open work', () => {
    const text = '## Action Items\n\n- ✅ Add integration tests\n- Rotate keys (Completed)\n- Use a shared address\n  - This has been done: team@example.com\n- [x] Remove the old account\n- ~~Drop the cron~~\n- Keep an eye on renewals\n\n### Immediate Actions (Completed)\n\n- Timeouts moved to runtime configuration\n';
    assert.deepEqual(ticket(text), ['Keep an eye on renewals']);
  });
  it('sub-items are notes on their item, not action items (mybinder 2018-01-18:61-62 shape)', () => {
    const text = '## Remediation\n\n- Add circuit breakers to the flag service\n  - analysed the retry storm of 29 September\n  - metrics watched: p99 latency, pool saturation\n  - benefits: no thundering herd\n';
    assert.deepEqual(ticket(text), ['Add circuit breakers to the flag service']);
  });
  it('a bare label groups the items under it', () => {
    assert.deepEqual(ticket('## Action Items\n\n- **Prow**\n  - Version the config API\n  - Alert on load failures (#12)\n'), ['Version the config API']);
  });
  it('checks every action section, and "**Action item:**" paragraphs anywhere', () => {
    const text = '# Post-mortem\n\n## Follow-ups\n\n- Rotate keys\n\n## Action Items\n\n- Add alerting\n\n## Lessons\n\n**Action item:** document the renewal.\n';
    assert.deepEqual(ticket(text), ['Rotate keys', 'Add alerting', 'document the renewal.']);
  });
});

describe('timeline shapes seen in the wild', () => {
  const zone = (text: string) => byRule(lintPostmortem(text), 'pm/timeline-zone');
  it('IANA zone names and US region words state the zone; a made-up one does not', () => {
    for (const z of ['US/Pacific', 'America/Los_Angeles', 'Europe/Copenhagen', 'Pacific', 'Eastern Time']) {
      assert.deepEqual(zone(`## Timeline\n\nAll times in ${z}.\n\n- 10:00 paged\n- 10:20 fixed\n`), [], z);
    }
    assert.equal(zone('## Timeline\n\nAll times in Mars/Olympus.\n\n- 10:00 paged\n').length, 1);
    assert.deepEqual(zone('## Timeline\n\n| Time (Europe/Copenhagen) | Event |\n| --- | --- |\n| 10:00 | a |\n'), []);
  });
  it('an IANA zone is read with its daylight saving time', () => {
    const text = '## Impact\n\nDown from 17:00 UTC to 17:30 UTC.\n\n## Timeline\n\nAll times in Europe/Copenhagen.\n\n- 2024-07-01 19:00 paged\n- 2024-07-01 19:30 restored\n';
    assert.deepEqual(byRule(lintPostmortem(text), 'pm/impact-timeline'), [], 'CEST is UTC+2 in July');
  });
  it('a ### date heading groups the timed entries under it; one with only an event body is a date-only entry (a hint)', () => {
    const grouped = '## Timeline\n\nAll times in UTC.\n\n### 2021-01-05 (Day 1)\n\n- 10:00 paged\n- 10:20 fixed\n\n### 2021-01-06\n\n- 09:00 follow-up\n';
    assert.deepEqual(byRule(lintPostmortem(grouped), 'pm/timeline-time'), []);
    const body = '## Timeline\n\nAll times in PST\n\n### 2018-01-11\n\nA team member received an email.\n\n### 2018-01-19 11:00\n\nAnother email.\n';
    const [f, ...rest] = byRule(lintPostmortem(body), 'pm/timeline-time');
    assert.equal(rest.length, 0);
    assert.equal(covered(body, f), '2018-01-11');
    assert.equal(f.severity, 'hint');
  });
  it('a **Note:** item between entries is not an entry without a time', () => {
    assert.deepEqual(byRule(lintPostmortem('## Timeline (UTC)\n\n- 10:00 paged\n- **Note:** the pager was muted\n- 10:20 fixed\n'), 'pm/timeline-time'), []);
    assert.equal(byRule(lintPostmortem('## Timeline (UTC)\n\n- 10:00 paged\n- the pager was muted\n- 10:20 fixed\n'), 'pm/timeline-time').length, 1);
  });
  it('every entry at the same time is one placeholder finding (dfds PM2020-003 shape)', () => {
    const text = '## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n| 2020-01-16 12:00 | a |\n| 2020-01-17 12:00 | b |\n| 2020-01-20 12:00 | c |\n';
    const findings = byRule(lintPostmortem(text), 'pm/timeline-time');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /same time, 12:00/);
  });
});

describe('section names and one finding per fact', () => {
  const required = (text: string) => byRule(lintPostmortem(text), 'pm/required-section').map((f) => f.data?.section ?? f.message);
  const all = (impact: string, resolution: string) =>
    `# Post-mortem\n\n## Summary\n\nx\n\n## Root Cause\n\nx\n\n${resolution}\n\n${impact}\n\n## Timeline\n\nx\n\n## Lessons Learned\n\nx\n\n## Action Items\n\nx\n\n## Communication\n\nx\n`;
  it('"Incident Impact" (setext) is Impact; a Remediation with immediate actions, or a bold Resolution paragraph, is a Resolution', () => {
    assert.deepEqual(required(all('Incident Impact\n---------------\n\nAll users.', '## Remediation\n\n### Immediate actions (completed)\n\n- Rolled back')), []);
    assert.deepEqual(required(all('## Impact\n\nx', '**Resolution:** we rolled back.')), []);
    assert.deepEqual(required(all('## Impact\n\nx', '## Remediation\n\n- Add alerting')), ['Resolution']);
  });
  it('a document with no section of the template gets one finding that lists them', () => {
    const findings = byRule(lintPostmortem('\nOn 28th February, flags went down for about 3 hours.\n'), 'pm/required-section');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /No section of the post-mortem template found \(“Overview”, .*“Messaging”\)/);
  });
  it('inside a section pm/empty-section reports, template text, empty rows and action items add nothing', () => {
    const text = '# Post-mortem\n\n## Action Items\n\n_Each action item should be a JIRA ticket._\n\n| Item | Owner |\n| --- | --- |\n| | |\n\n- [ ] \n\n## Summary\n\nReal text.\n';
    const rules = lintPostmortem(text).map((f) => f.rule).filter((r) => r !== 'pm/required-section');
    assert.deepEqual(rules, ['pm/empty-section']);
  });
});

describe('pm/template-text: what templates leave behind', () => {
  const template = (text: string) => byRule(lintPostmortem(text), 'pm/template-text').map((f) => covered(text, f));
  it('a bold label with an italic placeholder, an empty task item, TODO, a stats value left as ?', () => {
    const text = '# Post-mortem\n\n**Postmortem Owner:** _Your name goes here._\n\n## Summary\n\nThe API failed.\n\n- [ ] \n- real item\n\nTODO: k-dev email\n\n## Stats\n\n- Category: Self-service\n- Time to detection: ?\n- Time to recovery: N/A\n';
    assert.deepEqual(template(text), ['_Your name goes here._', '- [ ] ', 'TODO', 'Time to detection: ?']);
  });
  it('placeholder table cells (?mins, ??%, N/A where a number is asked)', () => {
    const text = '## Impact\n\nSome users.\n\n| | |\n|-|-|\n| Time in SEV-1 | ?mins |\n| Notifications out of SLA | ??% (?? of ??) |\n| Users Affected | N/A |\n| Region | N/A |\n| Accounts | 12 |\n';
    assert.deepEqual(template(text), ['?mins', '??% (?? of ??)', 'N/A']);
  });
  it('blockquote prompts are template text; a quoted chat log is not', () => {
    assert.deepEqual(template('## Detection\n\nPaged.\n\n> Did you detect the incident automatically?\n'), ['> Did you detect the incident automatically?']);
    assert.deepEqual(template('## Appendix\n\nLog:\n\n> liggitt [6:27 AM]\n> seeing that on all e2e-gce jobs\n'), []);
  });
  it('a section holding only such text is empty (PagerDuty Messaging, PostHog Follow-ups)', () => {
    const text = '# Post-mortem\n\n## Summary\n\nx\n\n## Messaging\n\n### Internal Email\n_This is a follow-up for employees._\n\n> Briefly summarize what happened.\n\n### External Message\n\n> Summary\n\n> What Happened?\n\n## Follow-ups\n_Copy these from incident.io pre-meeting_\n\n- [ ] \n';
    const empty = byRule(lintPostmortem(text), 'pm/empty-section').map((f) => covered(text, f));
    assert.deepEqual(empty, ['Messaging', 'Follow-ups']);
    assert.deepEqual(byRule(lintPostmortem(text), 'pm/template-text'), []);
  });
});

describe('pm/impact-timeline: statements outside the Impact window', () => {
  const impact = (text: string) => byRule(lintPostmortem(text), 'pm/impact-timeline');
  const timeline = '## Timeline\n\nAll times in CET\n\n### 2022-06-02 10:00 - Problem starts\n\nx\n\n### 21:00 - Team alerted\n\nx\n\n### 21:24 - Delete the quota and issue goes away\n\nx\n';
  it('a duration in the summary the timeline contradicts, reported where it is written (mybinder 2022-06-02:9)', () => {
    const text = `## Summary\n\nThis effect lasted approximately nine hours before normal operation was restored.\n\n${timeline}`;
    const [f, ...rest] = impact(text);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, f), 'approximately nine hours');
    assert.match(f.message, /timeline runs 11 h 24 min \(2022-06-02 10:00 to 21:24\)/);
    assert.deepEqual(impact(text.replace('approximately nine hours', 'about 11 hours')), []);
    assert.deepEqual(impact(text.replace('approximately nine hours', 'at least seven hours')), [], 'a lower bound');
    assert.deepEqual(impact(text.replace('This effect lasted approximately nine hours', 'Each step took nine hours')), [], 'not about the outage');
  });
  it('a fix time in the Resolution that no timeline entry is near (test-infra 2019-03-26:44 shape)', () => {
    const text = `## Resolution\n\nA new image was deployed at 23:04. Boskos recovered immediately.\n\n${timeline}`;
    const [f] = impact(text);
    assert.equal(covered(text, f), '23:04');
    assert.deepEqual(impact(text.replace('23:04', '21:20')), []);
  });
});

import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';

export const timelineZone: Rule<PostmortemModel> = {
  id: 'pm/timeline-zone',
  defaultSeverity: 'info',
  docs: {
    summary: 'The timeline never states a time zone.',
    details:
      'A zone counts when it is in the time column’s header (“Time (EST)”), in a sentence (“All times in UTC”), on the entries (“14:05 UTC”), or in the front matter as `timezone`. Abbreviations (UTC, PST, CEST…), offsets (UTC-7, +02:00), IANA names (`America/Los_Angeles`, `US/Pacific`, `Europe/Copenhagen`, checked with Intl) and the words Pacific, Eastern, Central, Mountain count. Does not catch: a zone that is stated but wrong (CET in June, when CEST applies), or entries in different zones with no zone on them.',
    bad: '## Timeline\n\n- 14:05 Page fired\n- 14:20 Rolled back',
    good: '## Timeline\n\nAll times in UTC.\n\n- 14:05 Page fired\n- 14:20 Rolled back',
  },
  check(model, report) {
    const timeline = model.timeline;
    if (!timeline || timeline.zoneStated) return;
    if (!timeline.entries.some((e) => e.token?.time)) return;
    report({
      message: `The timeline does not say which time zone its times are in (add it to the time column’s header, a sentence like “All times in UTC”, or front matter \`timezone\`).`,
      span: timeline.section.heading.textSpan,
    });
  },
};

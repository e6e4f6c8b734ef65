import type { PostmortemModel } from '../../postmortem/model';
import type { TimelineEntry } from '../../postmortem/timeline';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

export const timelineTime: Rule<PostmortemModel> = {
  id: 'pm/timeline-time',
  defaultSeverity: 'info',
  docs: {
    summary: 'A timeline entry with no time, or a placeholder time (`--:--`, `[???]`, `HH:mm`, every entry at the same time).',
    details:
      'An entry that carries only a date is reported as a hint: the timeline cannot place it within the day, but a day is often all anyone knows of an outside event. A date heading or date line that groups timed entries is not an entry; a date heading with only an event body under it is. A timeline whose every entry (three or more) has the same time, like all rows at 12:00, is reported once: those are placeholders. `**Note:**` items between entries are not entries. Does not catch: a plausible but wrong time (“14:00” where the logs say 14:40), or times rounded to the hour.',
    bad: '## Timeline\n\n- [???] Prow stopped merging PRs\n- [16:04] Rolled back',
    good: '## Timeline\n\n- [15:40] Prow stopped merging PRs\n- [16:04] Rolled back',
  },
  *check(model, report) {
    const entries = model.timeline?.entries ?? [];
    const sameTime = placeholderClock(entries);
    if (sameTime) {
      report({
        message: `Every timeline entry has the same time, ${quoteText(sameTime.token!.text.replace(/^.*?(\d{1,2}:\d{2}).*$/, "$1"))}: placeholder times, not when things happened.`,
        span: sameTime.timeSpan,
      });
    }
    const pace = pacer();
    for (const entry of entries) {
      if (pace()) yield;
      const token = entry.token;
      if (token?.time && !token.placeholder) continue;
      if (token?.invalid) continue; // pm/invalid-time has it
      const message = token?.placeholder
        ? `Timeline entry has a placeholder time “${quoteText(token.text)}”.`
        : token?.date
          ? `Timeline entry “${quoteText(token.text)}” has a date but no time of day.`
          : `Timeline entry has no time${entry.text ? `: “${quoteText(entry.text, 60)}”` : ''}.`;
      // A day with no time is often all anyone knows (a CVE published, a release): a hint, not a problem.
      report({ message, span: entry.timeSpan, severity: token?.date && !token.placeholder ? 'hint' : undefined });
    }
  },
};

/** Three or more timed entries, all at the same minute of the day (every row 12:00): the first of them. */
function placeholderClock(entries: TimelineEntry[]): TimelineEntry | undefined {
  const timed = entries.filter((e) => e.token?.time && !e.token.placeholder);
  if (timed.length < 3) return undefined;
  const clock = (e: TimelineEntry) => e.token!.time!.hour * 60 + e.token!.time!.minute;
  return timed.every((e) => clock(e) === clock(timed[0])) ? timed[0] : undefined;
}

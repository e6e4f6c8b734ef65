import type { PostmortemModel } from '../../postmortem/model';
import type { TimelineEntry } from '../../postmortem/timeline';
import type { Rule } from '../../rule';
import { MINUTES_PER_DAY } from '../../units';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

export const timelineOrder: Rule<PostmortemModel> = {
  id: 'pm/timeline-order',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A timeline entry that is earlier than the entry before it.',
    details:
      'Entries are compared with their dates (written on the entry, on a date line above it, or carried from earlier entries) and zones. Without dates, a step back from the evening (18:00 or later) to the early morning (06:00 or earlier) is a midnight crossing, not an error. Date-only entries are compared by day. Does not catch: an entry labelled with the wrong day that still sorts in order, a wrong year, or a step back across midnight in the evening-to-morning window when the document writes no dates (read as the night passing).',
    bad: '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-12-13 15:50 | Patched |\n| 2021-12-13 14:30 | Found the issue |',
    good: '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-12-13 14:30 | Found the issue |\n| 2021-12-13 15:50 | Patched |',
  },
  *check(model, report) {
    const timeline = model.timeline;
    if (!timeline) return;
    let previous: TimelineEntry | undefined;
    const pace = pacer();
    for (const entry of timeline.entries) {
      if (pace()) yield;
      if (entry.minutes === undefined || entry.token?.invalid) continue;
      if (previous && isEarlier(entry, previous)) {
        report({
          message: `Timeline entry “${quoteText(entry.token!.text)}” is earlier than the entry before it (“${quoteText(previous.token!.text)}”).`,
          span: entry.timeSpan,
          related: [{ span: previous.timeSpan, message: 'The entry before it' }],
        });
      }
      previous = entry;
    }
  },
};

function isEarlier(entry: TimelineEntry, previous: TimelineEntry): boolean {
  if (entry.precision === 'day' || previous.precision === 'day') {
    return Math.floor(entry.minutes! / MINUTES_PER_DAY) < Math.floor(previous.minutes! / MINUTES_PER_DAY);
  }
  return entry.minutes! < previous.minutes!;
}

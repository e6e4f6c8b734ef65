import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';

export const timelineTime: Rule<PostmortemModel> = {
  id: 'pm/timeline-time',
  defaultSeverity: 'info',
  docs: {
    summary: 'A timeline entry with no time, or a placeholder time (`--:--`, `[???]`, `HH:mm`).',
    details: 'An entry that carries only a date is reported too: the timeline cannot place it within the day.',
    bad: '## Timeline\n\n- [???] Prow stopped merging PRs\n- [16:04] Rolled back',
    good: '## Timeline\n\n- [15:40] Prow stopped merging PRs\n- [16:04] Rolled back',
  },
  check(model, report) {
    for (const entry of model.timeline?.entries ?? []) {
      const token = entry.token;
      if (token?.time && !token.placeholder) continue;
      if (token?.invalid) continue; // pm/invalid-time has it
      const message = token?.placeholder
        ? `Timeline entry has a placeholder time “${quoteText(token.text)}”.`
        : token?.date
          ? `Timeline entry “${quoteText(token.text)}” has a date but no time of day.`
          : `Timeline entry has no time${entry.text ? `: “${quoteText(entry.text, 60)}”` : ''}.`;
      report({ message, span: entry.timeSpan });
    }
  },
};

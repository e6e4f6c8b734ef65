import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';

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
        ? `Timeline entry has a placeholder time “${token.text.trim()}”.`
        : token?.date
          ? `Timeline entry “${token.text.trim()}” has a date but no time of day.`
          : `Timeline entry has no time${entry.text ? `: “${short(entry.text)}”` : ''}.`;
      report({ message, span: entry.timeSpan });
    }
  },
};

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

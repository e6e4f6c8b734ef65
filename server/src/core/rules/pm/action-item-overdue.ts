import { isTemplateItem } from '../../postmortem/actionItemChecks';
import { inEmptySection } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';
import { DAY_MS } from '../../units';
import { pacer } from '../../steps';

export const actionItemOverdue: Rule<PostmortemModel> = {
  id: 'pm/action-item-overdue',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An action item’s due date has passed and it is not marked done.',
    details:
      'The due date is read from a column headed Due, Due date, Deadline, Target date or ETA, or from a `due: …` (`due date:`, `deadline:`, `due 2026-12-01`, Obsidian’s `📅 2026-12-01`) field in the item or one of its sub-items. Only a whole day that cannot be misread counts: ISO 8601 (`2026-12-01`) or a month name with the year (`1 Dec 2026`, `December 1, 2026`). An item is done when its status (a Status column, else a State or Progress column, or `status: …`) starts with one of `actionItemDoneWords`, a Done? column says yes, its task-list box is checked, it is struck out, a cell or the item is marked ✅ or “(Completed)”, or it sits under a “Completed” heading. "Now" is the time of the check: the editor’s clock, or `--now` in the CLI; an item is overdue from the day after its due date (UTC). A post-mortem whose follow-ups quietly pass their dates is how the same outage comes back. Does not catch: `03/04/2026` (March 4 or April 3?), a date without a year (`Jan 5`), `Q3`, a field with two dates, a due date only in the ticket, or a status that is done in words this setting does not list.',
    options: "`actionItemDoneWords`: statuses that close an item (default: done, closed, fixed, complete, completed, resolved, merged, shipped, and for work dropped on purpose cancelled, canceled, won't fix, wontfix, won't do, not planned, obsolete).",
    bad: '## Action Items\n\n| Action Item | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Alert on certificate expiry (OPS-12) | @jane | 2026-10-01 | In progress |',
    good: '## Action Items\n\n| Action Item | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Alert on certificate expiry (OPS-12) | @jane | 2026-10-01 | Done |',
  },
  *check(model, report, { now }) {
    const today = Math.floor(now.getTime() / DAY_MS);
    const pace = pacer();
    for (const item of model.actionItems?.items ?? []) {
      if (pace()) yield;
      const due = item.due;
      if (!due || item.done || isTemplateItem(item) || inEmptySection(model, item.span)) continue;
      const late = today - Date.parse(`${due.day}T00:00:00Z`) / DAY_MS;
      if (!(late >= 1)) continue;
      const status = item.status?.text ? `its status is “${quoteText(item.status.text, 30)}”` : 'it is not marked done';
      report({
        message: `Action item was due on ${due.day} (${late} day${late === 1 ? '' : 's'} ago) and ${status}: “${quoteText(item.text, 60)}”.`,
        span: due.span,
        data: { due: due.day, daysLate: late },
      });
    }
  },
};

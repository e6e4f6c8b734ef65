import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';
import { userPatterns } from '../../userPatterns';

export const actionItemTicket: Rule<PostmortemModel> = {
  id: 'pm/action-item-ticket',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An action item with no ticket.',
    details:
      'An action item is a table row or a list item under Action Items (or Follow-ups, Remediation, Next Steps). It carries a ticket when it has a key like `RHCLOUD-8613`, `#123`, `owner/repo#123`, or an http(s) link. Untracked action items are how the same outage happens twice.',
    options: '`ticketPatterns`: regular expressions for ticket references.',
    bad: '## Action Items\n\n- Move certificate notices to a team list',
    good: '## Action Items\n\n- Move certificate notices to a team list (RHCLOUD-8613)',
  },
  check(model, report, { config }) {
    const items = model.actionItems?.items ?? [];
    if (items.length === 0) return;
    const patterns = userPatterns(config.ticketPatterns, { multiline: true });
    for (const item of items) {
      if (item.links.some((l) => /^https?:\/\//i.test(l))) continue;
      if (patterns.some((p) => p.regex.test(item.source))) continue;
      report({
        message: `Action item has no ticket: “${quoteText(item.text, 60)}”. Link the issue that tracks it.`,
        span: item.labelSpan,
      });
    }
  },
};

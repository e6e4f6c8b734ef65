import { isTemplateItem, ticketChecker } from '../../postmortem/actionItemChecks';
import { inEmptySection } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

/**
 * The default `ticketPatterns` once counted any link as a ticket; a link to documentation or a tool
 * is not one, so that entry is left to the issue-tracker check (isTrackerUrl). A pattern a team
 * configures is used as written.
 */

export const actionItemTicket: Rule<PostmortemModel> = {
  id: 'pm/action-item-ticket',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An open action item with no ticket.',
    details:
      'An action item is a table row or a list item under Action Items (or Follow-ups, Remediation, Next Steps; every such section is checked), or a “**Action item:** …” paragraph anywhere. Sub-items belong to the item above them (a status note, a link); only a bare label (“Prow:”, “**BinderHub**”) groups the items under it. It carries a ticket when it, its sub-items, a heading above it in the section or the paragraph just before or after its list has a key like `RHCLOUD-8613`, `#123`, `owner/repo#123`, or a link to an issue tracker (an issue, pull or merge request, a Jira, Linear or YouTrack ticket, reference-style links included). Items marked done (✅, “(Completed)”, a checked box, “has been done”, under a “Completed” heading, a status starting with one of `actionItemDoneWords`) are not open work and are skipped, and so is a section pm/empty-section reports. Untracked action items are how the same outage happens twice. Does not catch: an item whose ticket is a link to a tracker it does not recognise (add a pattern to `ticketPatterns`), action items written only as prose, or a ticket that is closed or unrelated.',
    options: '`ticketPatterns`: regular expressions for ticket references (matched against the item’s source, links included).',
    bad: '## Action Items\n\n- Move certificate notices to a team list',
    good: '## Action Items\n\n- Move certificate notices to a team list (RHCLOUD-8613)',
  },
  *check(model, report, { config }) {
    const items = model.actionItems?.items ?? [];
    if (items.length === 0) return;
    const hasTicket = ticketChecker(config.ticketPatterns);
    const pace = pacer();
    for (const item of items) {
      if (pace()) yield;
      if (item.done || inEmptySection(model, item.span) || isTemplateItem(item) || hasTicket(item)) continue;
      report({
        message: `Action item has no ticket: “${quoteText(item.text, 60)}”. Link the issue that tracks it.`,
        span: item.labelSpan,
      });
    }
  },
};

import { isTemplateItem } from '../../postmortem/actionItemChecks';
import { inEmptySection } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const actionItemOwner: Rule<PostmortemModel> = {
  id: 'pm/action-item-owner',
  defaultSeverity: 'info',
  offByDefault: true,
  docs: {
    summary: 'An open action item names no owner.',
    details:
      'An owner is the item’s cell in a column headed Owner, Assignee, Who, Responsible, DRI or Team; an `owner:` (`assignee:`, `assigned to:`, `who:`) field in the item or one of its sub-items; an @mention in the item; or an `Owner:` line just before its list or in a heading above it. An empty cell, `TBD`, `?`, `none` or `unassigned` is no owner. Done items are skipped. Off by default: many teams keep the owner in the ticket. Does not catch: an owner written in prose (“Jane will look into it”), or one who has left the team.',
    bad: '## Action Items\n\n- [ ] Alert on certificate expiry (OPS-12)',
    good: '## Action Items\n\n- [ ] Alert on certificate expiry (OPS-12) (owner: @jane)',
  },
  *check(model, report) {
    const pace = pacer();
    for (const item of model.actionItems?.items ?? []) {
      if (pace()) yield;
      if (item.owner || item.done || isTemplateItem(item) || inEmptySection(model, item.span)) continue;
      const written = item.ownerField?.text;
      report({
        message: written
          ? `Action item’s owner is “${quoteText(written, 30)}”: “${quoteText(item.text, 60)}”. Name who will do it.`
          : `Action item has no owner: “${quoteText(item.text, 60)}”. Name who will do it.`,
        span: item.ownerField && item.ownerField.span.end > item.ownerField.span.start ? item.ownerField.span : item.labelSpan,
      });
    }
  },
};

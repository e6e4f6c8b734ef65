import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

export const actionItemStatus: Rule<PostmortemModel> = {
  id: 'pm/action-item-status',
  defaultSeverity: 'info',
  docs: {
    summary: 'The action-item table has a Status column and this row’s is empty.',
    details: 'Only tables with a column headed Status are read. Does not catch: a status that is stale (“In progress” for a year), list items without a status, or a status kept in the ticket.',
    bad: '## Action Items\n\n| Action Item | Status |\n| --- | --- |\n| Update docs (RHCLOUD-8666) | |',
    good: '## Action Items\n\n| Action Item | Status |\n| --- | --- |\n| Update docs (RHCLOUD-8666) | Done |',
  },
  *check(model, report) {
    const pace = pacer();
    for (const item of model.actionItems?.items ?? []) {
      if (pace()) yield;
      if (!item.status || item.status.text !== '') continue;
      report({
        message: `Action item has no status: “${quoteText(item.text, 60)}”.`,
        span: item.status.span,
      });
    }
  },
};

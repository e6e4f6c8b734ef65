import { emptySections } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';
import { quoteList, quoteText } from '../../quote';

export const emptySection: Rule<PostmortemModel> = {
  id: 'pm/empty-section',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A section whose body, subsections included, holds nothing but blank lines, template guidance, placeholders or an empty table.',
    details:
      'Reported once, on the outermost empty section: an empty “Messaging” with empty “Internal Email” and “External Email” subsections is one finding, and pm/template-text, pm/empty-row and pm/action-item-ticket say nothing more inside it. Template text here is italic guidance, `{{ placeholders }}`, blockquote prompts (“> What happened?”), empty list items and task boxes, `?`/`??%`/`XXX` values and key/value tables whose values are all placeholders. Does not catch: a section holding plain-text guidance copied from a team’s own template (that needs the team’s template), or prose that says nothing (“TBD by Friday”).',
    bad: '## Messaging\n\n### Internal Email\n\n*This is a follow-up for employees...*',
    good: '## Messaging\n\n### Internal Email\n\nSent to eng-all on 2020-08-19 with a link to this page.',
  },
  check(model, report) {
    for (const section of emptySections(model)) {
      const subs = section.children.map((c) => c.heading.text);
      report({
        message: `Section “${quoteText(section.heading.text)}” is empty${subs.length ? ` (and so are its subsections ${quoteList(subs)})` : ''}: it holds no content beyond template text.`,
        span: section.heading.textSpan,
      });
    }
  },
};

import type { RootContent } from 'mdast';
import type { PostmortemModel } from '../../postmortem/model';
import type { Section } from '../../postmortem/sections';
import { isEmptyRow, isHtmlTable, readHtmlTable, readPipeTable } from '../../postmortem/tables';
import { isFillerBlock } from '../../postmortem/template';
import type { Rule } from '../../rule';
import { quoteList, quoteText } from '../../quote';

export const emptySection: Rule<PostmortemModel> = {
  id: 'pm/empty-section',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A section whose body, subsections included, holds nothing but blank lines, template guidance or an empty table.',
    details: 'Reported once, on the outermost empty section: an empty “Messaging” with empty “Internal Email” and “External Email” subsections is one finding.',
    bad: '## Messaging\n\n### Internal Email\n\n*This is a follow-up for employees...*',
    good: '## Messaging\n\n### Internal Email\n\nSent to eng-all on 2020-08-19 with a link to this page.',
  },
  check(model, report) {
    const text = model.text;
    const emptyTable = (node: RootContent) => {
      if (node.type !== 'table' && !(node.type === 'html' && isHtmlTable(node))) return false;
      const table = node.type === 'table' ? readPipeTable(node, text) : readHtmlTable(node, text);
      return table.rows.every(isEmptyRow);
    };
    const isEmpty = (section: Section) =>
      section.nodes.every((n) => n.type === 'heading' || isFillerBlock(n, text, emptyTable));
    const visit = (section: Section) => {
      // The document title's section holds the whole report; it is never "empty" in this sense.
      if (isEmpty(section) && !(section.heading.depth === 1 && section.children.length > 0)) {
        const subs = section.children.map((c) => c.heading.text);
        report({
          message: `Section “${quoteText(section.heading.text)}” is empty${subs.length ? ` (and so are its subsections ${quoteList(subs)})` : ''}: it holds no content beyond template text.`,
          span: section.heading.textSpan,
        });
        return;
      }
      section.children.forEach(visit);
    };
    model.topSections.forEach(visit);
  },
};

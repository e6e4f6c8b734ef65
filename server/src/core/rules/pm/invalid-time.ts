import type { PostmortemModel } from '../../postmortem/model';
import type { Nodes } from 'mdast';
import { scanTimes, type TimeToken } from '../../postmortem/time';
import type { FixSpec, Rule } from '../../rule';
import { textRuns, type TextRun } from '../../postmortem/runs';
import { isHtmlTable, readHtmlTable, readPipeTable } from '../../postmortem/tables';
import type { Section } from '../../postmortem/sections';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

export const invalidTime: Rule<PostmortemModel> = {
  id: 'pm/invalid-time',
  defaultSeverity: 'error',
  docs: {
    summary: 'A time or date that cannot exist, in the Timeline or Impact sections.',
    details:
      'Examples: `16:04pm` (a 24-hour time with pm), `13:00 am`, `25:10`, `12:61`, `2019-02-30`, `20202-01-16`. For a 24-hour time with am/pm, quick fixes offer both readings. Only the Timeline and Impact sections are read. Does not catch: a time that exists but is wrong, a date on the wrong weekday, or times outside those two sections.',
    bad: '## Impact\n\n| Time in SEV-1 | ~4 hours (12:21pm to 16:04pm) |\n| --- | --- |',
    good: '## Impact\n\n| Time in SEV-1 | ~4 hours (12:21pm to 4:04pm) |\n| --- | --- |',
    fixes: [{ title: 'Change to the 12-hour or the 24-hour reading', safe: false, note: 'of two readings only the author knows which was meant' }],
  },
  *check(model, report) {
    const sections = [model.timeline?.section, model.impact?.section].filter((s): s is Section => !!s);
    const seen = new Set<number>();
    const pace = pacer();
    for (const section of sections) {
      for (const runs of sectionRuns(section, model.text)) {
        if (pace()) yield;
        for (const token of runs.flatMap((run) => scanTimes(run.text, run.offset))) {
          if (!token.invalid || seen.has(token.span.start)) continue;
          seen.add(token.span.start);
          report({
            message: `“${quoteText(token.text)}” is not a valid ${token.invalidPart ?? 'time'}: ${token.invalid}.`,
            span: token.span,
            fixes: fixesFor(token),
          });
        }
      }
    }
  },
};

/**
 * The text of a section where times are looked for, a piece at a time (its heading, a table's row,
 * a paragraph or list): a rule in steps yields between pieces.
 */
function* sectionRuns(section: Section, text: string): Generator<TextRun[]> {
  yield textRuns(section.heading.node, text);
  for (const node of section.nodes) {
    const table = node.type === 'html' && isHtmlTable(node) ? readHtmlTable(node, text) : node.type === 'table' ? readPipeTable(node, text) : undefined;
    if (!table) {
      yield* listItemRuns(node, text);
      continue;
    }
    // A pipe table's header row too; an HTML table's rows below its header.
    for (const row of [...(table.kind === 'pipe' && table.header ? [table.header] : []), ...table.rows]) yield row.cells.flatMap((cell) => cell.runs);
  }
}

/** A list's runs item by item (a timeline list has thousands), any other node's at once. */
function* listItemRuns(node: Nodes, text: string): Generator<TextRun[]> {
  if (node.type !== 'list') {
    yield textRuns(node, text);
    return;
  }
  for (const item of node.children) yield textRuns(item, text);
}

/** "16:04pm": offer "4:04pm" and "16:04". */
function fixesFor(token: TimeToken): FixSpec[] | undefined {
  const m = /^(\d{1,2}):(\d{2})\s?([ap]\.?m\.?)$/i.exec(token.text.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  if (hour <= 12 || hour > 23) return undefined;
  const twelve = `${hour - 12}:${m[2]}${m[3].replace(/am/i, 'pm')}`;
  const twentyFour = `${m[1]}:${m[2]}`;
  return [
    { title: `Change to ${twelve}`, edits: [{ span: token.span, newText: twelve }] },
    { title: `Change to ${twentyFour}`, edits: [{ span: token.span, newText: twentyFour }] },
  ];
}

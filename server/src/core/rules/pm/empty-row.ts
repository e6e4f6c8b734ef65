import { deleteBlock } from '../../postmortem/edits';
import { inEmptySection } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import { isEmptyRow, type TableRow } from '../../postmortem/tables';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const emptyRow: Rule<PostmortemModel> = {
  id: 'pm/empty-row',
  defaultSeverity: 'info',
  docs: {
    summary: 'A table row whose cells are all empty, in any section.',
    details:
      'Not reported inside a section pm/empty-section reports. Quick fix: delete the empty rows of that table. Does not catch: a row of placeholders (`-`, `TBD`, `?`; see pm/template-text) or a row that repeats the one above.',
    bad: '| Action Item | Status |\n| --- | --- |\n| Update docs (RHCLOUD-8666) | Done |\n| | |',
    good: '| Action Item | Status |\n| --- | --- |\n| Update docs (RHCLOUD-8666) | Done |',
    fixes: [{ title: 'Delete the empty rows of the table', safe: true }],
  },
  *check(model, report) {
    const pace = pacer();
    for (const { table } of model.tables) {
      if (inEmptySection(model, table.span)) continue; // pm/empty-section has it
      const empty: TableRow[] = [];
      for (const row of table.rows) {
        if (pace()) yield;
        if (isEmptyRow(row)) empty.push(row);
      }
      if (empty.length === 0) continue;
      const edits = empty.map((row) => {
        const edit = deleteBlock(row.span, model.lines);
        // Rows sit on consecutive lines: deleting one must not swallow the blank line after the table.
        return table.kind === 'pipe' || edit.span.end > table.span.end ? { span: model.lines.wholeLines(row.span), newText: '' } : edit;
      });
      const fix = {
        title: empty.length === 1 ? 'Delete the empty row' : `Delete the ${empty.length} empty rows of this table`,
        edits: dedupe(edits),
        preferred: true,
        safe: true,
      };
      for (const row of empty) {
        if (pace()) yield;
        report({ message: 'Table row is empty.', span: row.span, fixes: [fix] });
      }
    }
  },
};

function dedupe<T extends { span: { start: number; end: number } }>(edits: T[]): T[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.span.start}:${e.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

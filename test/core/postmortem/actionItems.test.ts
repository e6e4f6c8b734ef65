/** The action-item model: owner, due date, status and done, the shapes teams write them in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/core/config';
import { isTemplateItem, ticketChecker } from '../../../server/src/core/postmortem/actionItemChecks';
import type { ActionItem } from '../../../server/src/core/postmortem/actionItems';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';

function items(markdown: string, values: Record<string, unknown> = {}): ActionItem[] {
  const { config, problems } = resolveConfig([{ source: 'test', values }]);
  assert.deepEqual(problems, []);
  const model = buildPostmortemModel({ path: 'postmortems/x.md', text: markdown }, config);
  return model.actionItems?.items ?? [];
}

/** One item per line: its text, then owner, due day and status as read, and done. */
function read(markdown: string, values: Record<string, unknown> = {}): string[] {
  return items(markdown, values).map((i) => {
    const at = (v?: { span: { start: number; end: number } }) => (v ? markdown.slice(v.span.start, v.span.end) : '-');
    return `${i.text} | owner ${at(i.owner)} | due ${i.due?.day ?? '-'} @ ${at(i.due)} | status ${i.status ? JSON.stringify(i.status.text) : '-'} | ${i.done ? 'done' : 'open'}`;
  });
}

describe('action items: owner, due date, status', () => {
  it('reads Owner, Due date and Status columns of a pipe table, each span on its cell', () => {
    const md = '## Action Items\n\n| Action Item | Owner | Due Date | Status |\n| --- | --- | --- | --- |\n| Alert on expiry (OPS-1) | @jane | 2026-10-01 | In progress |\n| Rotate keys (OPS-2) | Bob Lee | 1 July 2026 | Done |\n';
    assert.deepEqual(read(md), [
      'Alert on expiry (OPS-1) | owner @jane | due 2026-10-01 @ 2026-10-01 | status "In progress" | open',
      'Rotate keys (OPS-2) | owner Bob Lee | due 2026-07-01 @ 1 July 2026 | status "Done" | done',
    ]);
  });

  it('knows the other names of the columns: Assignee, Who, Responsible, Team; Due, Deadline, Target date, ETA', () => {
    for (const [owner, due] of [
      ['Assignee', 'Due'],
      ['Who', 'Deadline'],
      ['Responsible', 'Target date'],
      ['Owner(s)', 'ETA'],
      ['Team', 'Due by'],
      ['**Owner**', 'Due date (UTC)'],
    ]) {
      const md = `## Action Items\n\n| Action | ${owner} | ${due} |\n| --- | --- | --- |\n| Fix it (OPS-1) | Ann | 2026-12-01 |\n`;
      assert.deepEqual(read(md), ['Fix it (OPS-1) | owner Ann | due 2026-12-01 @ 2026-12-01 | status - | open'], `${owner} / ${due}`);
    }
  });

  it('reads an HTML table the same way', () => {
    const md = '## Action Items\n\n<table>\n<tr><th>Action Item</th><th>Who</th><th>Deadline</th><th>Status</th></tr>\n<tr><td>Do X (A-1)</td><td>Ann</td><td>2026-09-01</td><td>Open</td></tr>\n<tr><td>Do Y (A-2)</td><td></td><td>September 1, 2026</td><td>✅</td></tr>\n</table>\n';
    assert.deepEqual(read(md), [
      'Do X (A-1) | owner <td>Ann</td> | due 2026-09-01 @ 2026-09-01 | status "Open" | open',
      'Do Y (A-2) | owner - | due 2026-09-01 @ September 1, 2026 | status "✅" | done',
    ]);
  });

  it('a column that is not a due date gives none: Date, Created, When, Priority', () => {
    for (const header of ['Date', 'Created', 'When', 'Priority', 'Opened', 'Completed on']) {
      const md = `## Action Items\n\n| Action | ${header} |\n| --- | --- |\n| Fix it (OPS-1) | 2026-01-01 |\n`;
      const [item] = items(md);
      assert.equal(item.due, undefined, header);
      assert.equal(item.dueField, undefined, header);
    }
  });

  it('a due cell that can be misread or holds no single whole day gives no due date, and keeps what is written', () => {
    for (const cell of ['03/04/2026', '3/4/26', '04-03-2026', 'Jan 5', 'Q3 2026', 'December 2026', 'P3 Gate 5a', 'Before any transfer commences', '2026-02-30', '20262-01-01', '2026-11-01 → 2026-12-15', '~~2026-10-01~~ 2026-12-15', 'YYYY-MM-DD', '{{ due date }}', '—']) {
      const md = `## Action Items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Fix it (OPS-1) | Ann | ${cell} |\n`;
      const [item] = items(md);
      assert.equal(item.due, undefined, cell);
      assert.equal(item.dueField?.text, cell.replace(/~~/g, ''), cell);
    }
  });

  it('a due cell may say more around its one date', () => {
    const [item] = items('## Action Items\n\n| Action | Due |\n| --- | --- |\n| Fix it (OPS-1) | by 2026-12-01 (tentative) |\n');
    assert.equal(item.due?.day, '2026-12-01');
  });

  it('reads labelled fields in a list item: parenthesised, dashed, bold, with or without a colon', () => {
    const md = [
      '## Action Items',
      '',
      '- [ ] Rotate keys (owner: @jane, due: 2026-12-01)',
      '- Rotate certs — **Owner:** Jane Doe — **Due:** Dec 1, 2026',
      '- Alerting on config load failures, assigned to: Sam, due by 2026-11-30',
      '- Runbook for rollbacks (Assignee: Kim; deadline: `2026-11-15`; status: In progress)',
      '- Ship the fix (due 2026-01-10, status: Closed — duplicate)',
      '- [ ] Renew the intermediate 📅 2026-12-24',
    ].join('\n');
    assert.deepEqual(read(md), [
      'Rotate keys (owner: @jane, due: 2026-12-01) | owner @jane | due 2026-12-01 @ 2026-12-01 | status - | open',
      'Rotate certs — Owner: Jane Doe — Due: Dec 1, 2026 | owner Jane Doe | due 2026-12-01 @ Dec 1, 2026 | status - | open',
      'Alerting on config load failures, assigned to: Sam, due by 2026-11-30 | owner Sam | due 2026-11-30 @ 2026-11-30 | status - | open',
      'Runbook for rollbacks (Assignee: Kim; deadline: ; status: In progress) | owner Kim | due 2026-11-15 @ 2026-11-15 | status "In progress" | open',
      'Ship the fix (due 2026-01-10, status: Closed — duplicate) | owner - | due 2026-01-10 @ 2026-01-10 | status "Closed" | done',
      'Renew the intermediate 📅 2026-12-24 | owner - | due 2026-12-24 @ 2026-12-24 | status - | open',
    ]);
  });

  it('reads fields from sub-items, and an item whose sub-items are only its fields is no group label', () => {
    const md = '## Action Items\n\n- Move notices\n  - Owner: Platform team\n  - Due: 1 December 2026\n  - Status: In review\n';
    assert.deepEqual(read(md), ['Move notices | owner Platform team | due 2026-12-01 @ 1 December 2026 | status "In review" | open']);
  });

  it('“due” in prose, a date without a due label, or a struck-out due date is no due date', () => {
    const md = '## Action Items\n\n- Fix the retries due to load (OPS-1)\n- Rotate keys 2026-01-01 (OPS-2)\n- Drop the cluster (OPS-3) ~~due: 2026-01-01~~\n- Dated (OPS-4), due: 03/04/2026\n';
    assert.deepEqual(
      items(md).map((i) => [i.due?.day, i.dueField?.text]),
      [[undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, '03/04/2026']],
    );
  });

  it('an @mention owns an item; an e-mail address or a placeholder does not', () => {
    const md = '## Action Items\n\n- [ ] @bob: add alerting (OPS-1)\n- Ask infra@example.com about quotas (OPS-2)\n- Update docs (OPS-3). Owner: TBD\n- Team mention (OPS-4) cc @org/sre-team\n';
    assert.deepEqual(
      items(md).map((i) => [i.owner?.text, i.ownerField?.text]),
      [['@bob', undefined], [undefined, undefined], [undefined, 'TBD'], ['@org/sre-team', undefined]],
    );
  });

  it('an owner cell that is empty or a placeholder is no owner; what is written stays on ownerField', () => {
    const md = '## Action Items\n\n| Action | Owner |\n| --- | --- |\n| A (OPS-1) | TBD |\n| B (OPS-2) |  |\n| C (OPS-3) | ? |\n| D (OPS-4) | unassigned |\n| E (OPS-5) | [name] |\n';
    assert.deepEqual(
      items(md).map((i) => [i.owner?.text, i.ownerField?.text]),
      [[undefined, 'TBD'], [undefined, ''], [undefined, '?'], [undefined, 'unassigned'], [undefined, '[name]']],
    );
  });

  it('an Owner line just before a list, or in a heading above it, owns its items that name none', () => {
    const md = '## Action Items\n\nOwner: @sre-team\n\n- First (OPS-1)\n- Second (OPS-2) (owner: @kim)\n\n### Storage (owner: Ann)\n\n- Third (OPS-3)\n\nThanks to @helper for the review.\n\n- Fourth (OPS-4)\n';
    assert.deepEqual(
      items(md).map((i) => i.owner?.text),
      ['@sre-team', '@kim', 'Ann', 'Ann'],
    );
  });

  it('a “**Action item:**” paragraph carries fields too', () => {
    const md = '# Post-mortem\n\n**Action item:** rotate keys (owner: @jane, due: 2026-12-01)\n';
    assert.deepEqual(read(md), ['rotate keys (owner: @jane, due: 2026-12-01) | owner @jane | due 2026-12-01 @ 2026-12-01 | status - | open']);
  });

  it('done: a done word starting the status (any case, after an emoji), a checked box, ✅; not “Not done” or “In progress”', () => {
    const md = '## Action Items\n\n| Action | Status |\n| --- | --- |\n| A (OPS-1) | DONE |\n| B (OPS-2) | ✅ Completed |\n| C (OPS-3) | Not done |\n| D (OPS-4) | In progress |\n| E (OPS-5) | Won’t fix |\n| F (OPS-6) | Closed (dup of OPS-1) |\n| G (OPS-7) | Doneish |\n\n- [x] H (OPS-8)\n- [ ] I (OPS-9)\n';
    assert.deepEqual(
      items(md).map((i) => `${i.text.slice(0, 1)} ${i.done}`),
      ['A true', 'B true', 'C false', 'D false', 'E true', 'F true', 'G false', 'H true', 'I false'],
    );
  });

  it('done in a table without a Status column: a State column, a Done? column saying yes, ✅ in any cell, [x]', () => {
    const md = [
      '## Action Items',
      '',
      '| Action | Due | State | Done? | Notes |',
      '| --- | --- | --- | --- | --- |',
      '| A (OPS-1) | 2026-01-01 | Closed |  |  |',
      '| B (OPS-2) | 2026-01-01 | In progress |  |  |',
      '| C (OPS-3) | 2026-01-01 |  | Yes |  |',
      '| D (OPS-4) | 2026-01-01 |  | No |  |',
      '| E (OPS-5) | 2026-01-01 |  |  | ✅ shipped in v2 |',
      '| F (OPS-6) | 2026-01-01 | [x] |  |  |',
      '| G (OPS-7) | 2026-01-01 |  |  |  |',
    ].join('\n');
    assert.deepEqual(
      items(md).map((i) => `${i.text.slice(0, 1)} ${i.done} ${i.status ? JSON.stringify(i.status.text) : '-'}`),
      ['A true "Closed"', 'B false "In progress"', 'C true -', 'D false -', 'E true -', 'F true "[x]"', 'G false -'],
    );
  });

  it('the done words come from actionItemDoneWords', () => {
    const md = '## Action Items\n\n| Action | Status |\n| --- | --- |\n| A (OPS-1) | Done |\n| B (OPS-2) | Erledigt |\n\n- C (OPS-3) (status: Erledigt)\n';
    assert.deepEqual(
      items(md, { actionItemDoneWords: ['erledigt'] }).map((i) => i.done),
      [false, true, true],
    );
  });

  it('counts the way a report does: items, open ones, open ones without a ticket (template rows left out)', () => {
    const md = [
      '## Action Items',
      '',
      '| Action | Owner | Due | Status |',
      '| --- | --- | --- | --- |',
      '| Alert on expiry (OPS-1) | Ann | 2026-10-01 | Open |',
      '| Rotate keys | Bob | 2026-10-01 | Done |',
      '| {{ what will be done }} | {{ owner }} | | |',
      '',
      '- [ ] Page on-call',
      '- [x] Renew by hand',
      '- Move notices ([Issue](https://github.com/o/r/issues/3))',
    ].join('\n');
    const all = items(md).filter((i) => !isTemplateItem(i));
    const hasTicket = ticketChecker(resolveConfig([]).config.ticketPatterns);
    const open = all.filter((i) => !i.done);
    assert.deepEqual(
      { items: all.length, open: open.length, withoutTicket: open.filter((i) => !hasTicket(i)).map((i) => i.text) },
      { items: 5, open: 3, withoutTicket: ['Page on-call'] },
    );
  });
});

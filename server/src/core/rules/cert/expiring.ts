import { calendarDaysUntil, expiryState, isoDay } from '../../inventory/dates';
import { expiryOf, warnWindow } from '../../inventory/refs';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';

export const expiring: Rule<CertModel> = {
  id: 'cert/expiring',
  defaultSeverity: 'warning',
  scope: 'entry',
  docs: {
    summary: '`expires` falls within the entry\'s warn window.',
    details: 'The window is the entry\'s `warnDays`, else the one in `defaults`, else the `warnDays` setting (30).',
    options: '`warnDays`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-10\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-10\n    warnDays: 7\n',
  },
  check(model, report, { now, config }) {
    for (const entry of model.inventory?.entries ?? []) {
      const expiry = expiryOf(entry);
      if (!expiry || 'error' in expiry.parsed) continue;
      const window = warnWindow(entry, config);
      const date = expiry.parsed.date;
      if (expiryState(date, now, window.days) !== 'expiring') continue;
      const days = calendarDaysUntil(date, now);
      const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
      const source = window.field ? (window.field.inherited ? 'warnDays in defaults' : 'its warnDays') : 'the warnDays setting';
      report({
        message: `Certificate ${entryLabel(entry)} expires ${when} (${isoDay(date)}), within the ${window.days}-day warn window (${source}).`,
        span: expiry.field.span,
        data: { expires: date.toISOString(), warnDays: window.days },
      });
    }
  },
};

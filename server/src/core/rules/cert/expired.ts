import { calendarDaysUntil, expiryState, isoDay } from '../../inventory/dates';
import { expiryOf } from '../../inventory/refs';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';

export const expired: Rule<CertModel> = {
  id: 'cert/expired',
  defaultSeverity: 'error',
  scope: 'entry',
  docs: {
    summary: '`expires` is in the past.',
    details: '"Now" is the time of the check: the editor\'s clock, or `--now` in the CLI and tests. A date without a time means midnight UTC.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2020-01-31\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n',
  },
  check(model, report, { now }) {
    for (const entry of model.inventory?.entries ?? []) {
      const expiry = expiryOf(entry);
      if (!expiry || 'error' in expiry.parsed) continue;
      const date = expiry.parsed.date;
      if (expiryState(date, now, 0) !== 'expired') continue;
      const days = -calendarDaysUntil(date, now);
      const ago = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`;
      report({
        message: `Certificate ${entryLabel(entry)} expired on ${isoDay(date)} (${ago}). Renew it, or update \`expires\` if it was renewed.`,
        span: expiry.field.span,
        data: { expires: date.toISOString() },
      });
    }
  },
};

import { calendarDaysUntil, expiryState, isoDay } from '../../inventory/dates';
import { certFacts, factsSpan, sourceLabel } from '../../inventory/facts';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const expired: Rule<CertModel> = {
  id: 'cert/expired',
  defaultSeverity: 'error',
  scope: 'entry',
  clock: true,
  docs: {
    summary: 'The certificate has expired: `expires` (or the PEM\'s notAfter, or the live certificate\'s) is in the past.',
    details:
      '"Now" is the time of the check: the editor\'s clock, or `--now` in the CLI and tests. A date without a time means midnight UTC. The date comes from the best source at hand: a live check you ran, else the PEM (`pem`/`pemFile`), else the typed `expires` (or `issued` plus `lifetime`); the message says which when it is not the typed one.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2020-01-31\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n',
  },
  *check(model, report, context) {
    const { now } = context;
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const facts = certFacts(entry, model, context);
      const date = facts?.notAfter;
      if (!facts || !date || expiryState(date, now, 0) !== 'expired') continue;
      const days = -calendarDaysUntil(date, now);
      const ago = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`;
      const source = facts.source === 'typed' ? '' : `, ${sourceLabel(facts.source)}`;
      report({
        message: `Certificate ${entryLabel(entry)} expired on ${isoDay(date)} (${ago}${source}). Renew it, or update \`expires\` if it was renewed.`,
        span: factsSpan(entry, facts),
        data: { expires: date.toISOString() },
      });
    }
  },
};

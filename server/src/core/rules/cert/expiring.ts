import { calendarDaysUntil, expiryState, isoDay } from '../../inventory/dates';
import { certFacts, effectiveWarnWindow, factsSpan, isAutomated, renewalMethod, renewalPoint, sourceLabel, type EffectiveWarnWindow } from '../../inventory/facts';
import { describeShare, lifetimeDays } from '../../inventory/lifetime';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const expiring: Rule<CertModel> = {
  id: 'cert/expiring',
  defaultSeverity: 'warning',
  scope: 'entry',
  clock: true,
  docs: {
    summary: 'The certificate expires within the entry\'s warn window.',
    details:
      'The window is the entry\'s `warnDays`, else the one in `defaults`; without either, `warnShare` (1/3) of the certificate\'s lifetime when it is known (`issued` with `expires` or `lifetime`, the PEM, a live check), so a 47-day certificate warns about 15 days ahead and a one-year one about 121; else the `warnDays` setting (30). An automatically renewed certificate (acme, cert-manager) whose renewal point is known is judged by that point instead (cert/renewal-overdue).',
    options: '`warnDays`, `warnShare`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-10\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-10\n    warnDays: 7\n',
  },
  *check(model, report, context) {
    const { now, config } = context;
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const facts = certFacts(entry, model, context);
      const date = facts?.notAfter;
      if (!facts || !date) continue;
      if (isAutomated(renewalMethod(entry, model)) && renewalPoint(facts, config)) continue;
      const window = effectiveWarnWindow(entry, config, facts);
      if (expiryState(date, now, window.days) !== 'expiring') continue;
      const days = calendarDaysUntil(date, now);
      const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
      const source = facts.source === 'typed' ? '' : `, ${sourceLabel(facts.source)}`;
      report({
        message: `Certificate ${entryLabel(entry)} expires ${when} (${isoDay(date)}${source}), within the ${window.days}-day warn window (${windowSource(window)}).`,
        span: factsSpan(entry, facts),
        data: { expires: date.toISOString(), warnDays: window.days },
      });
    }
  },
};

function windowSource(window: EffectiveWarnWindow): string {
  if (window.field) return window.field.inherited ? 'warnDays in defaults' : 'its warnDays';
  if (window.share !== undefined && window.lifetimeMs !== undefined) return `warnShare, ${describeShare(window.share)} of its ${lifetimeDays(window.lifetimeMs)}-day lifetime`;
  return 'the warnDays setting';
}

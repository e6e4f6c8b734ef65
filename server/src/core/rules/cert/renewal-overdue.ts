import { calendarDaysUntil, isoDay } from '../../inventory/dates';
import { certFacts, factsSpan, isAutomated, renewalMethod, renewalPoint, sourceLabel } from '../../inventory/facts';
import { describeShare, lifetimeDays } from '../../inventory/lifetime';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const renewalOverdue: Rule<CertModel> = {
  id: 'cert/renewal-overdue',
  defaultSeverity: 'warning',
  scope: 'entry',
  clock: true,
  docs: {
    summary: 'An automatically renewed certificate (acme, cert-manager) is past its renewal point and has not been replaced: automation is broken.',
    details:
      'Renewal is due at `renewAtShare` (2/3) of the lifetime, where cert-manager and ACME clients renew, so a third of the lifetime is left to fix it. The dates come from the best source at hand: a live check you ran, else the PEM, else `issued` with `expires` or `lifetime`. An entry with only `expires` has no known renewal point and is judged by cert/expiring; once the certificate has expired, cert/expired reports it instead.',
    options: '`renewAtShare`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    issued: 2026-09-01\n    lifetime: 90d\n    renewal: { method: acme }\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    issued: 2026-11-01\n    lifetime: 90d\n    renewal: { method: acme }\n',
  },
  *check(model, report, context) {
    const { now, config } = context;
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const method = renewalMethod(entry, model);
      if (!isAutomated(method)) continue;
      const facts = certFacts(entry, model, context);
      const due = facts && renewalPoint(facts, config);
      if (!facts?.notAfter || facts.lifetimeMs === undefined || !due) continue;
      if (now.getTime() < due.getTime() || now.getTime() >= facts.notAfter.getTime()) continue;
      const left = calendarDaysUntil(facts.notAfter, now);
      report({
        message:
          `Certificate ${entryLabel(entry)} was due for renewal on ${isoDay(due)} (${describeShare(config.renewAtShare)} of its ${lifetimeDays(facts.lifetimeMs)}-day lifetime, ${sourceLabel(facts.source)}) ` +
          `and has not been replaced: ${method} renewal is not working. ${left} day${left === 1 ? '' : 's'} left before it expires on ${isoDay(facts.notAfter)}.`,
        span: factsSpan(entry, facts),
        data: { renewAt: due.toISOString(), expires: facts.notAfter.toISOString(), method },
      });
    }
  },
};
